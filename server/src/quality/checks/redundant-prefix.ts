import type { Check } from './types';

/**
 * REDUNDANT_PREFIX: a screen reader already says "image"; a text that opens with "image of…" says
 * it twice. Checked in every language the admin speaks (en, fr, de) and a few more that cost one
 * pattern each (es, it, nl, pt), whatever the locale: a German text in an English locale is still redundant.
 */
const PREFIXES: ReadonlyArray<RegExp> = [
  /^(?:an?\s+|the\s+)?(?:close-up\s+)?(?:image|picture|photo|photograph|graphic|illustration|screenshot|pic)\s+(?:of|showing|depicting|shows)\b/iu,
  /^(?:une?\s+|l['’]\s*)?(?:image|photo|photographie|illustration|graphique|capture\s+d['’]écran)\s+(?:de|d['’]|du|des|montrant|représentant)/iu,
  /^(?:ein\s+|eine\s+|das\s+)?(?:bild|foto|fotografie|grafik|abbildung|illustration|screenshot)\s+(?:von|vom|mit|zeigt|einer?|eines|des|der)\b/iu,
  /^(?:una?\s+)?(?:imagen|foto|fotografía|ilustración)\s+(?:de|del)\b/iu,
  /^(?:un['’]\s*|una?\s+)?(?:immagine|foto|fotografia|illustrazione)\s+(?:di|del|della|dello)\b/iu,
  /^(?:een\s+|de\s+)?(?:afbeelding|foto|plaatje)\s+(?:van)\b/iu,
  /^(?:uma?\s+)?(?:imagem|foto|fotografia)\s+(?:de|do|da)\b/iu,
];

export const redundantPrefix: Check = ({ text }) => {
  const trimmed = text.trim();
  for (const pattern of PREFIXES) {
    const found = pattern.exec(trimmed);
    if (found) return { code: 'REDUNDANT_PREFIX', reason: `opens with "${found[0]}"` };
  }
  return null;
};
