import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';

export interface LocalDemoBannerProps {
  displayName: string;
}

/** Shown whenever the service runs in local mode, so nobody mistakes demo data for their organisation's data. */
export function LocalDemoBanner({ displayName }: LocalDemoBannerProps) {
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Local demo</MessageBarTitle>
        You are using the local demo identity {displayName}. Data is demo data on this machine.
      </MessageBarBody>
    </MessageBar>
  );
}
