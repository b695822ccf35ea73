import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from '@humandebt/web';
import { MeetingLoadPanel } from './components/MeetingLoadPanel';
import { connectOfficeHost } from './office/office-host';
import { TaskPane } from './TaskPane';

async function start(): Promise<void> {
  // In Outlook this waits for Office.onReady; in a browser it ends as soon as office.js fails to load or says
  // "no host", so the local demo renders without Office.
  const host = await connectOfficeHost();
  document.documentElement.lang = host.locale;
  const api = createApiClient({ fetch: window.fetch.bind(window), getToken: () => host.getToken() });
  const container = document.getElementById('root');
  if (!container) return;
  createRoot(container).render(
    <StrictMode>
      <TaskPane
        host={host}
        api={api}
        meetingLoad={({ me, teams }) => <MeetingLoadPanel host={host} api={api} teams={teams} me={me} />}
      />
    </StrictMode>,
  );
}

void start();
