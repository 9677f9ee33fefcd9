/**
 * A failure below the provider contract (an HTTP call, a storage read, an inline encoding) that a
 * caller maps onto an AltTextError by its `kind`. Its message is this plugin's own words.
 */
export class KindedError<Kind extends string> extends Error {
  readonly kind: Kind;
  constructor(name: string, kind: Kind, message: string) {
    super(message);
    this.name = name;
    this.kind = kind;
  }
}
