import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { ApiError } from '../api/api-client';
import { useErrorNoticeStyles } from './ErrorNotice.styles';

export interface ErrorNoticeProps {
  title: string;
  error: ApiError;
  onRetry(): void;
}

/** A failed load: the catalogue message (never exception text), the correlation id for support, and a Retry. */
export function ErrorNotice({ title, error, onRetry }: ErrorNoticeProps) {
  const styles = useErrorNoticeStyles();
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {error.userMessage}
        {error.correlationId && <span className={styles.reference}>Reference: {error.correlationId}</span>}
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={onRetry}>Retry</Button>
      </MessageBarActions>
    </MessageBar>
  );
}
