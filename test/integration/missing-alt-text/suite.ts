import { randomBytes } from 'node:crypto';
import { createFileScanner } from '../../../server/src/queue/file-scan';
import { isAltTextMissing } from '../../../server/src/alt-text/missing';
import type { Page } from '../../../shared/contracts/common';
import type { MediaItemView } from '../../../shared/contracts/media';
import { bootPlayground, type PlaygroundApp } from '../../harness/strapi-app';
import { describeOnDatabase, type DatabaseKind } from '../../harness/test-database';

type Source = MediaItemView['source'];

interface Case {
  name: string;
  alt: string | null;
  expected: Source;
  /** The text the plugin recorded as written for this file (provenance). */
  generated?: string;
  /** An editor marked the image decorative, or detection suggested it (issue 15). */
  decorative?: 'marked' | 'suggested';
}

/**
 * Every case is one file row. Several disagreed between the code rule and the SQL before there was
 * one rule: SQLite's LIKE ignores case, MySQL's collation ignores case, accents and trailing spaces,
 * `_` and `%` are LIKE wildcards, SQL TRIM strips only spaces, JS trim() strips more than W.
 */
const CASES: Case[] = [
  { name: 'a.png', alt: null, expected: 'missing' },
  { name: 'b.png', alt: '', expected: 'missing' },
  { name: 'c.png', alt: '   ', expected: 'missing' },
  { name: 'd.png', alt: '\u00a0', expected: 'missing' },
  { name: 'e.png', alt: '\n', expected: 'missing' },
  { name: 'f.png', alt: ' \t\n\u000b\f\r\u00a0', expected: 'missing' },
  { name: 'dog.png', alt: '\tdog', expected: 'missing' },
  { name: 'dog.png', alt: 'dog\u00a0', expected: 'missing' },
  { name: 'x.png', alt: '\f\rx.png\u000b', expected: 'missing' },
  { name: 'CAT.png', alt: 'cat', expected: 'human' },
  { name: 'CAT.png', alt: 'CAT', expected: 'missing' },
  { name: 'my-photo.png', alt: 'my_photo', expected: 'human' },
  { name: 'my_photo.png', alt: 'my_photo', expected: 'missing' },
  { name: 'percent.png', alt: '%', expected: 'human' },
  { name: 'x%y.png', alt: 'x%y', expected: 'missing' },
  { name: 'y.png', alt: ' y.png', expected: 'missing' },
  { name: 'y.png', alt: 'y.png ', expected: 'missing' },
  { name: 'photo.tar.gz', alt: 'photo.tar', expected: 'missing' },
  { name: 'photo.tar.gz', alt: 'photo', expected: 'human' },
  { name: 'photo.', alt: 'photo', expected: 'human' },
  { name: 'photo.', alt: 'photo.', expected: 'missing' },
  { name: 'README', alt: 'README', expected: 'missing' },
  { name: ' padded.png\t', alt: 'padded', expected: 'missing' },
  { name: 'café.png', alt: 'café', expected: 'missing' },
  { name: 'café.png', alt: 'Café', expected: 'human' },
  { name: 'café.png', alt: 'cafe', expected: 'human' },
  { name: 'straße.png', alt: 'strasse', expected: 'human' },
  { name: '🐱.png', alt: '🐱', expected: 'missing' },
  { name: 'cat.png', alt: 'cat.jpg', expected: 'human' },
  { name: 'cat.png', alt: 'A tabby cat asleep on a red sofa', expected: 'human' },
  // Not whitespace in the rule, although JS trim() strips them.
  { name: 'dog.png', alt: '\u2003dog', expected: 'human' },
  { name: 'dog.png', alt: '\ufeff', expected: 'human' },
  // A regex `$` may match before a final line break (U+2028 in ICU): the space here must stay.
  { name: 'dog \u2028', alt: 'dog\u2028', expected: 'human' },
  // Generated means: exactly the text the plugin wrote, and not missing.
  { name: 'sofa-1.png', alt: 'A cat on a sofa', generated: 'A cat on a sofa', expected: 'generated' },
  { name: 'sofa-2.png', alt: 'a cat on a sofa', generated: 'A cat on a sofa', expected: 'human' },
  { name: 'sofa-3.png', alt: 'A cat on a sofa ', generated: 'A cat on a sofa', expected: 'human' },
  { name: 'sofa-4.png', alt: 'sofa-4', generated: 'sofa-4', expected: 'missing' },
  // Decorative: a marked image's '' (or blank, or its name) is its alt text — covered, in every locale;
  // a text someone typed since wins; a suggestion covers nothing.
  { name: 'spacer.gif', alt: '', decorative: 'marked', expected: 'decorative' },
  { name: 'rule.png', alt: null, decorative: 'marked', expected: 'decorative' },
  { name: 'border.png', alt: ' border.png', decorative: 'marked', expected: 'decorative' },
  { name: 'divider.png', alt: 'A red divider', decorative: 'marked', expected: 'human' },
  { name: 'dot.png', alt: '', decorative: 'suggested', expected: 'missing' },
];

const FILTERS = ['missing', 'generated', 'human', 'decorative'] as const;

/** The filters that list a case: its source's, and `decorative` for a suggestion whose text is still missing. */
const filtersOf = (c: Case): string[] => (c.decorative === 'suggested' && c.expected === 'missing' ? ['missing', 'decorative'] : [c.expected]);

/** JSON with invisible characters spelled out, so a failing case can be read in the diff. */
const show = (text: string | null) => JSON.stringify(text).replace(/[\u0080-\u00a0\u2000-\u206f\ufeff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
const label = (c: Case) => `${show(c.alt)} on ${show(c.name)}${c.generated ? ' (generated)' : ''}`;

interface MediaService {
  list(options: { filter?: string; pageSize?: number }): Promise<Page<MediaItemView>>;
}

/**
 * One rule for "missing alt text", asked five ways on a real database: the code rule, the bulk
 * run's `missing` page, the coverage count, the media list's filters and the list's `source`.
 * They must all give the expected answer for every case. One file per database
 * (missing-alt-text-*.test.ts) so jest runs the databases in parallel.
 */
export const missingAltTextSuite = (database: DatabaseKind) =>
  describeOnDatabase(database, 'one rule for missing alt text', () => {
    let app: PlaygroundApp;
    const ids: number[] = [];
    const coverageSaysMissing: boolean[] = [];
    const frenchCoverageSaysMissing: boolean[] = [];

    beforeAll(async () => {
      app = await bootPlayground({ database, env: { ALT_TEXT_AUTO_ON_UPLOAD: 'false' } });
      const scanner = createFileScanner(app.strapi);
      // One row at a time, reading the coverage count before and after: its change is this row's answer.
      for (const [index, c] of CASES.entries()) {
        const before = (await scanner.coverage()).missing;
        const frenchBefore = await scanner.missingIn('fr');
        const row = (await app.strapi.db.query('plugin::upload.file').create({
          data: {
            name: c.name,
            alternativeText: c.alt,
            hash: `case_${index}_${randomBytes(4).toString('hex')}`,
            ext: '.png',
            mime: 'image/png',
            size: 1,
            width: 100,
            height: 100,
            url: `/uploads/case-${index}.png`,
            provider: 'local',
          },
        })) as { id: number };
        ids.push(row.id);
        if (c.generated !== undefined) {
          await app.strapi.db.query('plugin::auto-alt-text.provenance').create({
            data: { fileId: row.id, text: c.generated, provider: 'alttextlab', lang: 'en', strategy: 'presigned', generatedAt: new Date() },
          });
        }
        if (c.decorative) {
          await app.strapi.db.query('plugin::auto-alt-text.decorative').create({ data: { fileId: row.id, status: c.decorative, reason: c.decorative === 'suggested' ? '1×1 px spacer' : null } });
        }
        coverageSaysMissing.push((await scanner.coverage()).missing - before === 1);
        // No French text for any case: only a marked image is covered in French (its '' is served there too).
        frenchCoverageSaysMissing.push((await scanner.missingIn('fr')) - frenchBefore === 1);
      }
    });
    afterAll(() => app?.stop());

    test('the code rule, the run scan, the coverage count, the media list filters and its source all agree, on every case', async () => {
      const media = app.strapi.plugin('auto-alt-text').service('media') as MediaService;
      const scanned = new Set((await createFileScanner(app.strapi).page({ kind: 'missing' }, 0, 1000)).files.map((file) => file.id));
      const inFilter = Object.fromEntries(
        await Promise.all(
          FILTERS.map(async (filter) => [filter, new Set((await media.list({ filter, pageSize: 100 })).rows.map((row) => row.id))] as const)
        )
      ) as Record<(typeof FILTERS)[number], Set<number>>;
      const sources = new Map((await media.list({ filter: 'all', pageSize: 100 })).rows.map((row) => [row.id, row.source]));

      const observed = CASES.map((c, index) => ({
        case: label(c),
        codeRule: isAltTextMissing(c.alt, c.name),
        runScan: scanned.has(ids[index]),
        coverage: coverageSaysMissing[index],
        frenchCoverage: frenchCoverageSaysMissing[index],
        listFilters: FILTERS.filter((filter) => inFilter[filter].has(ids[index])),
        listSource: sources.get(ids[index]),
      }));
      const expected = CASES.map((c) => {
        const missing = c.expected === 'missing';
        // The text rule alone knows nothing of marks: a marked image's '' is "missing" text, covered by the mark.
        const codeRule = c.decorative === 'marked' ? isAltTextMissing(c.alt, c.name) : missing;
        return { case: label(c), codeRule, runScan: missing, coverage: missing, frenchCoverage: c.decorative !== 'marked', listFilters: filtersOf(c), listSource: c.expected };
      });
      expect(observed).toEqual(expected);
    });
  });
