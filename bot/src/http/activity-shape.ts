import { z } from 'zod';

/**
 * The minimum every activity the Bot Connector delivers has. botbuilder answers a body without these with a 500
 * (it throws deep inside); checking the shape first turns that into a clear 400 before any handler or store runs.
 * Deliberately loose beyond this: Teams adds fields over time and the handlers validate what they use.
 */
export const ActivityShape = z
  .object({
    type: z.string().min(1).max(64),
    channelId: z.string().min(1).max(64),
    serviceUrl: z.url({ protocol: /^https?$/ }),
    conversation: z.object({ id: z.string().min(1).max(1024) }).loose(),
    from: z.object({ id: z.string().min(1).max(1024) }).loose().optional(),
    recipient: z.object({ id: z.string().min(1).max(1024) }).loose().optional(),
  })
  .loose();

export function activityProblems(body: unknown): string[] {
  const parsed = ActivityShape.safeParse(body);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || 'activity'}: ${i.message}`);
}
