import { z } from 'zod';

/** Store keys are 1–255 characters. Tenant and user ids become keys as they arrive (team ids are shortened first). */
const key = z.string().min(1).max(255);
const name = z.string().max(1024).nullish();
/** A person or bot as the activity names it: the handlers use aadObjectId, else id, as the roster key. */
const account = z.object({ id: key, aadObjectId: key.nullish(), name }).loose();

/**
 * The minimum every activity the Bot Connector delivers has. botbuilder answers a body without these with a 500
 * (it throws deep inside); checking the shape first turns that into a clear 400 before any handler or store runs.
 * Beyond that, only the fields the turn's identity and roster are read from (turn-identity.ts, roster.ts) are
 * type-checked here, because they are read before any handler can validate them: a wrong type there (a tenant id
 * that is an object, an empty team id, a user id longer than a store key) made the turn throw or, worse, store it.
 * Deliberately loose beyond this: Teams adds fields over time and the handlers validate what they use (`value`).
 */
export const ActivityShape = z
  .object({
    type: z.string().min(1).max(64),
    id: z.string().max(1024).nullish(),
    channelId: z.string().min(1).max(64),
    serviceUrl: z.url({ protocol: /^https?$/ }),
    text: z.string().nullish(),
    replyToId: z.string().max(1024).nullish(),
    conversation: z
      .object({
        id: z.string().min(1).max(1024),
        tenantId: key.nullish(),
        name,
        conversationType: z.string().max(64).nullish(),
        isGroup: z.boolean().nullish(),
      })
      .loose(),
    from: account.optional(),
    recipient: z
      .object({ id: z.string().min(1).max(1024), name })
      .loose()
      .optional(),
    channelData: z
      .object({
        tenant: z.object({ id: key }).loose().nullish(),
        team: z
          .object({ id: z.string().min(1).max(1024), name })
          .loose()
          .nullish(),
      })
      .loose()
      .nullish(),
    membersAdded: z.array(account).max(1000).nullish(),
    membersRemoved: z.array(account).max(1000).nullish(),
    entities: z
      .array(z.object({ type: z.string().max(64) }).loose())
      .max(100)
      .nullish(),
  })
  .loose();

export function activityProblems(body: unknown): string[] {
  const parsed = ActivityShape.safeParse(body);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || 'activity'}: ${i.message}`);
}
