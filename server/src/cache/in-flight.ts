/**
 * Questions being asked right now in this process, by cache key: a second job with the same
 * question (the same bytes uploaded twice in one request) waits for the first one's answer instead
 * of paying for its own. Process-wide on purpose: every job of this process shares it. Other
 * replicas are not waited for (each may ask once).
 */
const asking = new Map<string, Promise<void>>();

export interface Question {
  /** This job asks; the others wait until `release`. */
  release(): void;
}

/** Resolves once nobody in this process is asking `key`. */
export const answeredElsewhere = (key: string): Promise<void> | undefined => asking.get(key);

/** Marks `key` as being asked by the caller; undefined when someone else already asks it. */
export const ask = (key: string): Question | undefined => {
  if (asking.has(key)) return undefined;
  let done!: () => void;
  const answered = new Promise<void>((resolve) => (done = resolve));
  asking.set(key, answered);
  let released = false;
  return {
    // Idempotent, and only ever removes its own entry: a second release must not free a later asker's key.
    release() {
      if (released) return;
      released = true;
      if (asking.get(key) === answered) asking.delete(key);
      done();
    },
  };
};
