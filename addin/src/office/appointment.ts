/**
 * The appointment that is open in Outlook, read through Office.js in compose mode (the organizer is editing it) or in
 * read mode (an invitation or a saved meeting). No DOM: the event handlers use this in Outlook's JavaScript-only
 * runtime as well as the task pane.
 */

export interface AppointmentSnapshot {
  mode: 'compose' | 'read';
  /** Graph (REST) id of a saved item, so a what-if replaces it instead of counting it twice. */
  id?: string;
  start: Date;
  end: Date;
  /** Required + optional attendees, without rooms and resources. */
  attendeeCount: number;
  isOrganizer: boolean;
  isRecurring: boolean;
  isAllDay: boolean;
}

type OfficeGlobal = typeof Office;
type Item = Office.AppointmentCompose & Office.AppointmentRead;
type Recipient = Office.EmailAddressDetails;

/** Turns an Office.js callback API into a promise that rejects on a failed AsyncResult. */
export function officeAsync<T>(call: (callback: (result: Office.AsyncResult<T>) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    call((result) => {
      if (String(result.status) === 'failed')
        reject(new Error(`Office call failed: ${result.error?.message ?? 'unknown error'}`));
      else resolve(result.value);
    });
  });
}

function officeOf(scope: object): OfficeGlobal | undefined {
  return (scope as { Office?: OfficeGlobal }).Office;
}

/** The open item if it is an appointment; undefined for messages and when nothing is open. */
export function currentAppointmentItem(scope: object = globalThis): Item | undefined {
  const office = officeOf(scope);
  const item = office?.context?.mailbox?.item as (Item & { itemType?: unknown }) | null | undefined;
  if (!item) return undefined;
  if (item.itemType !== undefined && String(item.itemType) !== 'appointment') return undefined;
  return item;
}

const isPeople = (r: Recipient | null | undefined): boolean => Boolean(r) && String(r!.recipientType ?? '') !== 'other';

export async function readAppointment(scope: object = globalThis): Promise<AppointmentSnapshot | undefined> {
  const office = officeOf(scope);
  const item = currentAppointmentItem(scope);
  if (!office || !item) return undefined;
  const compose = typeof (item.start as unknown as { getAsync?: unknown })?.getAsync === 'function';
  return compose ? readCompose(office, item) : readRead(office, item);
}

async function readCompose(office: OfficeGlobal, item: Item): Promise<AppointmentSnapshot> {
  const [start, end, required, optional, recurrence, allDay, itemId] = await Promise.all([
    officeAsync<Date>((cb) => item.start.getAsync(cb)),
    officeAsync<Date>((cb) => item.end.getAsync(cb)),
    officeAsync<Recipient[]>((cb) => item.requiredAttendees.getAsync(cb)).catch(() => [] as Recipient[]),
    officeAsync<Recipient[]>((cb) => item.optionalAttendees.getAsync(cb)).catch(() => [] as Recipient[]),
    // Mailbox 1.7; older hosts have no recurrence API on compose items.
    item.recurrence?.getAsync
      ? officeAsync<Office.Recurrence | null>((cb) => item.recurrence.getAsync(cb)).catch(() => null)
      : Promise.resolve(null),
    // Mailbox 1.13.
    (item as unknown as { isAllDayEvent?: { getAsync?: unknown } }).isAllDayEvent?.getAsync
      ? officeAsync<boolean>((cb) =>
          (
            item as unknown as { isAllDayEvent: { getAsync(cb: (r: Office.AsyncResult<boolean>) => void): void } }
          ).isAllDayEvent.getAsync(cb),
        ).catch(() => false)
      : Promise.resolve(false),
    // A new, unsaved appointment has no id yet (the call fails); Mailbox 1.8.
    typeof item.getItemIdAsync === 'function'
      ? officeAsync<string>((cb) => item.getItemIdAsync(cb)).catch(() => undefined)
      : Promise.resolve(undefined),
  ]);
  const snapshot: AppointmentSnapshot = {
    mode: 'compose',
    start,
    end,
    attendeeCount: [...required, ...optional].filter(isPeople).length,
    isOrganizer: true,
    isRecurring: Boolean(recurrence),
    isAllDay: allDay === true,
  };
  const id = itemId ? restId(office, itemId) : undefined;
  if (id) snapshot.id = id;
  return snapshot;
}

function readRead(office: OfficeGlobal, item: Item): AppointmentSnapshot {
  const me = office.context.mailbox.userProfile?.emailAddress?.toLowerCase();
  const organizer = (item.organizer as unknown as Recipient | undefined)?.emailAddress?.toLowerCase();
  const required = (item.requiredAttendees as unknown as Recipient[] | undefined) ?? [];
  const optional = (item.optionalAttendees as unknown as Recipient[] | undefined) ?? [];
  const snapshot: AppointmentSnapshot = {
    mode: 'read',
    start: new Date(item.start as unknown as Date),
    end: new Date(item.end as unknown as Date),
    attendeeCount: [...required, ...optional].filter(isPeople).length,
    isOrganizer: Boolean(me && organizer && me === organizer),
    isRecurring: Boolean((item as unknown as { recurrence?: unknown }).recurrence),
    isAllDay: false,
  };
  const id = item.itemId ? restId(office, item.itemId) : undefined;
  if (id) snapshot.id = id;
  return snapshot;
}

/** Office.js item ids are EWS ids; Graph's calendarView uses REST ids. */
function restId(office: OfficeGlobal, itemId: string): string | undefined {
  try {
    return office.context.mailbox.convertToRestId(itemId, office.MailboxEnums.RestVersion.v2_0);
  } catch {
    return undefined;
  }
}

/**
 * Calls `listener` when the pane's appointment changes: another item is selected (pinned pane), or the organizer
 * edits the time or the attendees. Returns the unsubscribe. Quietly does nothing where a host lacks an event.
 */
export function watchAppointment(listener: () => void, scope: object = globalThis): () => void {
  const office = officeOf(scope);
  const mailbox = office?.context?.mailbox;
  if (!office || !mailbox) return () => undefined;
  const types = office.EventType;
  const registered: Array<{ target: 'mailbox' | 'item'; type: Office.EventType }> = [];
  const on = (target: 'mailbox' | 'item', type: Office.EventType | undefined): void => {
    if (!type) return;
    const host = target === 'mailbox' ? mailbox : currentAppointmentItem(scope);
    if (!host || typeof (host as { addHandlerAsync?: unknown }).addHandlerAsync !== 'function') return;
    try {
      (host as Office.Mailbox).addHandlerAsync(
        type,
        () => listener(),
        () => undefined,
      );
      registered.push({ target, type });
    } catch {
      // The host does not offer this event (older requirement set): the pane still reads the item once.
    }
  };
  on('mailbox', types?.ItemChanged);
  on('item', types?.AppointmentTimeChanged);
  on('item', types?.RecipientsChanged);
  return () => {
    for (const { target, type } of registered) {
      const host = target === 'mailbox' ? mailbox : currentAppointmentItem(scope);
      try {
        (host as Office.Mailbox | undefined)?.removeHandlerAsync(type, () => undefined);
      } catch {
        // Already gone with the item.
      }
    }
  };
}
