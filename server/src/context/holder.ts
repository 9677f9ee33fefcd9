import type { Model } from './schema-map';
import { textValue } from './text';

/**
 * The component that holds an image (a figure, a card, a hero) says what the image is for in its
 * other short text fields: a caption, a title, alt text typed by hand, and often a link. Long texts
 * (rich text, Blocks) are a body, not a caption; private fields are not the editor's words.
 */
const SHORT_TEXT = new Set(['string', 'text']);
/** `link`, `url`, `href`, `linkUrl`, `buttonHref`: where a click on the image goes. */
const LINK_NAME = /^(?:link|url|href)$|(?:Link|Url|URL|Href)$/;
const URL_LIKE = /^(?:https?:\/\/|\/)\S*$/i;

export interface HolderText {
  texts: string[];
  link: string | null;
}

/** The SEO component is the entry's SEO (reported as `seo`), not words next to its share image. */
export const isSeoComponent = (model: Model): boolean => model.attributes.has('metaTitle') || model.attributes.has('metaDescription');

/** The holder's short text attributes with their columns, in schema order: what a query selects. */
export const holderColumns = (model: Model): Array<[name: string, column: string]> =>
  isSeoComponent(model)
    ? []
    : [...model.attributes].flatMap(([name, attribute]) => {
        const column = model.columns.get(name);
        return SHORT_TEXT.has(attribute.type) && !attribute.private && column ? [[name, column] as [string, string]] : [];
      });

/** The holder's row (attribute name → value) as the words next to the image and the link it sits in. */
export const holderText = (values: ReadonlyArray<[name: string, value: unknown]>): HolderText => {
  const texts: string[] = [];
  let link: string | null = null;
  for (const [name, value] of values) {
    const text = textValue(value);
    if (text === null) continue;
    // A field named as a link holds one (a relative slug too); elsewhere only a URL reads as one.
    const isLink = LINK_NAME.test(name) ? !/\s/.test(text) : URL_LIKE.test(text);
    if (isLink) link ??= text;
    else texts.push(text);
  }
  return { texts, link };
};
