/**
 * Every form in which a stored key could still be read back from a text or a byte dump: the key,
 * any 8 characters of it in a row, and its base64, base64url and hex encodings (at every alignment,
 * so a key embedded in a longer encoded value is found too).
 */
export const keyMaterial = (secret: string): string[] => {
  const forms = new Set<string>();
  for (let start = 0; start + 8 <= secret.length; start += 1) forms.add(secret.slice(start, start + 8));
  const bytes = Buffer.from(secret, 'utf8');
  forms.add(bytes.toString('hex'));
  forms.add(bytes.toString('hex').toUpperCase());
  for (let offset = 0; offset < 3; offset += 1) {
    // Past the first and before the last 4 characters the encoding does not depend on neighbours.
    const encoded = bytes.subarray(offset).toString('base64');
    forms.add(encoded.slice(0, -4));
    forms.add(bytes.subarray(offset).toString('base64url').slice(0, -4));
  }
  return [...forms].filter((form) => form.length >= 8);
};

/** The forms of `secret` found in `haystack` (empty when none). */
export const keyMaterialIn = (haystack: string | Buffer, secret: string): string[] => {
  const text = typeof haystack === 'string' ? haystack : haystack.toString('latin1');
  return keyMaterial(secret).filter((form) => text.includes(form));
};
