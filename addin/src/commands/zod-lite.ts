/**
 * A stand-in for the part of zod that core's meeting-load settings validation uses (core/src/meeting-load/settings.ts),
 * swapped in for `zod` in the event-handler bundle only (vite.config.ts, `resolve.alias` of the handler build).
 *
 * Why it exists: the engine validates its settings with zod, and zod 4 costs ~26 KB gzip even for this handful of
 * schemas — the engine alone is ~15 KB — so with zod the handler bundle cannot meet its 30 KB budget. The proper fix is
 * in core (a hand-written settings validator, as normalize.ts already is for events); until then this file implements
 * exactly the calls settings.ts makes, with zod's semantics for them, and test/zod-lite.test.ts runs core's settings
 * validation through it to prove the same answers. Nothing else may import it.
 *
 * Supported: z.string / number / boolean / array / object; .refine, .superRefine, .optional, .int, .finite, .positive,
 * .min, .max (numbers and arrays), .strict, .partial; .safeParse and .parse.
 */

type PathItem = string | number;
export interface Issue {
  code: string;
  path: PathItem[];
  message: string;
}
type Check = (value: unknown, path: PathItem[], issues: Issue[]) => void;
type SafeParse<T> = { success: true; data: T } | { success: false; error: { issues: Issue[] } };

export class Schema<T = unknown> {
  constructor(
    protected readonly parseValue: (value: unknown, path: PathItem[], issues: Issue[]) => unknown,
    protected readonly checks: readonly Check[] = [],
  ) {}

  protected with(check: Check): this {
    const Ctor = this.constructor as new (parse: Schema['parseValue'], checks: readonly Check[]) => this;
    return new Ctor(this.parseValue, [...this.checks, check]);
  }

  run(value: unknown, path: PathItem[], issues: Issue[]): unknown {
    const before = issues.length;
    const out = this.parseValue(value, path, issues);
    // As in zod 4: refinements run only on a value that parsed without issues.
    if (issues.length === before) for (const check of this.checks) check(out, path, issues);
    return out;
  }

  safeParse(input: unknown): SafeParse<T> {
    const issues: Issue[] = [];
    const data = this.run(input, [], issues) as T;
    return issues.length === 0 ? { success: true, data } : { success: false, error: { issues } };
  }

  parse(input: unknown): T {
    const result = this.safeParse(input);
    if (!result.success) throw new Error(result.error.issues.map((i) => i.message).join('; '));
    return result.data;
  }

  refine(predicate: (value: T) => boolean, options?: { message?: string } | string): this {
    const message = typeof options === 'string' ? options : (options?.message ?? 'Invalid input');
    return this.with((value, path, issues) => {
      if (!predicate(value as T)) issues.push({ code: 'custom', path, message });
    });
  }

  superRefine(refinement: (value: T, ctx: { addIssue(issue: { code?: string; path?: PathItem[]; message?: string }): void }) => void): this {
    return this.with((value, path, issues) => {
      refinement(value as T, {
        addIssue: (issue) => issues.push({ code: issue.code ?? 'custom', path: [...path, ...(issue.path ?? [])], message: issue.message ?? 'Invalid input' }),
      });
    });
  }

  optional(): Schema<T | undefined> {
    return new Schema<T | undefined>((value, path, issues) => (value === undefined ? undefined : this.run(value, path, issues)));
  }
}

const typeIssue = (expected: string, path: PathItem[], value: unknown): Issue => ({
  code: 'invalid_type',
  path,
  message: `Invalid input: expected ${expected}, received ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}`,
});

export class NumberSchema extends Schema<number> {
  private bound(test: (v: number) => boolean, message: string, code = 'too_small'): this {
    return this.with((value, path, issues) => {
      if (!test(value as number)) issues.push({ code, path, message });
    });
  }
  int(): this {
    return this.bound(Number.isInteger, 'Invalid input: expected int, received number', 'invalid_type');
  }
  /** zod 4 numbers are always finite; kept for compatibility, as in zod. */
  finite(): this {
    return this;
  }
  positive(): this {
    return this.bound((v) => v > 0, 'Too small: expected number to be >0');
  }
  min(n: number): this {
    return this.bound((v) => v >= n, `Too small: expected number to be >=${n}`);
  }
  max(n: number): this {
    return this.bound((v) => v <= n, `Too big: expected number to be <=${n}`, 'too_big');
  }
}

export class ArraySchema<T> extends Schema<T[]> {
  max(n: number): this {
    return this.with((value, path, issues) => {
      if ((value as unknown[]).length > n) issues.push({ code: 'too_big', path, message: `Too big: expected array to have <=${n} items` });
    });
  }
  min(n: number): this {
    return this.with((value, path, issues) => {
      if ((value as unknown[]).length < n) issues.push({ code: 'too_small', path, message: `Too small: expected array to have >=${n} items` });
    });
  }
}

type Shape = Record<string, Schema<unknown>>;

export class ObjectSchema<T> extends Schema<T> {
  constructor(
    readonly shape: Shape,
    readonly isStrict = false,
    checks: readonly Check[] = [],
  ) {
    super((value, path, issues) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        issues.push(typeIssue('object', path, value));
        return undefined;
      }
      const input = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [key, schema] of Object.entries(shape)) {
        const parsed = schema.run(input[key], [...path, key], issues);
        if (key in input || parsed !== undefined) out[key] = parsed;
      }
      if (isStrict) {
        const unknown = Object.keys(input).filter((key) => !(key in shape));
        if (unknown.length > 0) {
          issues.push({ code: 'unrecognized_keys', path, message: `Unrecognized key${unknown.length > 1 ? 's' : ''}: ${unknown.map((k) => `"${k}"`).join(', ')}` });
        }
      }
      return out;
    }, checks);
  }

  protected override with(check: Check): this {
    return new ObjectSchema<T>(this.shape, this.isStrict, [...this.checks, check]) as this;
  }

  strict(): ObjectSchema<T> {
    return new ObjectSchema<T>(this.shape, true, this.checks);
  }

  partial(): ObjectSchema<Partial<T>> {
    const shape: Shape = {};
    for (const [key, schema] of Object.entries(this.shape)) shape[key] = schema.optional();
    return new ObjectSchema<Partial<T>>(shape, this.isStrict);
  }
}

export const z = {
  string: () =>
    new Schema<string>((value, path, issues) => {
      if (typeof value !== 'string') issues.push(typeIssue('string', path, value));
      return value;
    }),
  number: () =>
    new NumberSchema((value, path, issues) => {
      if (typeof value !== 'number' || !Number.isFinite(value)) issues.push(typeIssue('number', path, value));
      return value;
    }),
  boolean: () =>
    new Schema<boolean>((value, path, issues) => {
      if (typeof value !== 'boolean') issues.push(typeIssue('boolean', path, value));
      return value;
    }),
  array: <T>(item: Schema<T>) =>
    new ArraySchema<T>((value, path, issues) => {
      if (!Array.isArray(value)) {
        issues.push(typeIssue('array', path, value));
        return value;
      }
      return value.map((element, index) => item.run(element, [...path, index], issues));
    }),
  object: <S extends Shape>(shape: S) => new ObjectSchema<{ [K in keyof S]: S[K] extends Schema<infer V> ? V : never }>(shape),
};
