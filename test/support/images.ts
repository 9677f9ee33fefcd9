import { randomBytes } from 'node:crypto';
import sharp from 'sharp';

/** A solid-colour PNG of the given size: its size and colour show up in the emulator's text. */
export const solidPng = (width: number, height: number, rgb: { r: number; g: number; b: number }) =>
  sharp({ create: { width, height, channels: 3, background: rgb } }).png().toBuffer();

/** Random pixels: neither a spacer nor a flat colour, so decorative detection's free checks let it through. */
export const noisyPng = (width: number, height: number) => sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } }).png().toBuffer();

/** The smallest valid PDF a server will accept as application/pdf. */
export const tinyPdf = (): Buffer =>
  Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
      'trailer<</Root 1 0 R>>\n%%EOF\n'
  );
