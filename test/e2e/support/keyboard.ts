/**
 * Driving the admin with the keyboard alone (no `click`, no `focus()` from the test) and checking
 * where the focus is and that it can be seen.
 */
import type { Page } from 'playwright-core';

/** The element to reach: by CSS selector, by accessible name (aria-label, else its text), or both. */
export interface FocusTarget {
  selector?: string;
  name?: string | RegExp;
}

export interface FocusedElement {
  tag: string;
  name: string;
  testId: string | null;
}

const describeTarget = ({ selector, name }: FocusTarget) => [selector, name && `named ${String(name)}`].filter(Boolean).join(' ');

/** What has the focus now; null when nothing does (the document's body). */
export const focusedElement = (page: Page): Promise<FocusedElement | null> =>
  page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body || !element.isConnected) return null;
    return {
      tag: element.tagName.toLowerCase(),
      name: (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().replace(/\s+/g, ' '),
      testId: element.closest('[data-testid]')?.getAttribute('data-testid') ?? null,
    };
  });

const focusedMatches = (page: Page, { selector, name }: FocusTarget) => {
  const pattern = name === undefined ? null : typeof name === 'string' ? { source: `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, flags: '' } : { source: name.source, flags: name.flags };
  return page.evaluate(
    ([selector, pattern]) => {
      const element = document.activeElement;
      if (!element || element === document.body) return false;
      if (selector && !element.matches(selector)) return false;
      if (!pattern) return true;
      const accessibleName = (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().replace(/\s+/g, ' ');
      return new RegExp(pattern.source, pattern.flags).test(accessibleName);
    },
    [selector ?? null, pattern] as const
  );
};

/** Presses Tab (Shift+Tab with `backwards`) until `target` has the focus; fails after `max` presses. */
export async function tabTo(page: Page, target: FocusTarget, { backwards = false, max = 250 }: { backwards?: boolean; max?: number } = {}) {
  const path: string[] = [];
  for (let presses = 0; presses < max; presses += 1) {
    if (await focusedMatches(page, target)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const focused = await focusedElement(page);
    path.push(focused ? `${focused.tag} "${focused.name.slice(0, 40)}"${focused.testId ? ` in ${focused.testId}` : ''}` : '(page)');
  }
  throw new Error(`${max} presses of ${backwards ? 'Shift+Tab' : 'Tab'} did not reach ${describeTarget(target)}; the focus went through:\n  ${path.slice(0, 120).join('\n  ')}`);
}

/**
 * Presses `key` until `target` has the focus: inside Strapi's tables (an ARIA grid: Tab enters it
 * once, the arrows move between its cells, and between the buttons of one cell).
 */
export async function arrowTo(page: Page, key: 'ArrowDown' | 'ArrowUp' | 'ArrowRight' | 'ArrowLeft', target: FocusTarget, max = 30) {
  for (let presses = 0; presses < max; presses += 1) {
    if (await focusedMatches(page, target)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${max} presses of ${key} did not reach ${describeTarget(target)} (focus on ${JSON.stringify(await focusedElement(page))})`);
}

/** Waits until `target` has the focus (after a row updated or a dialog closed). */
export async function waitForFocusOn(page: Page, target: FocusTarget, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await focusedMatches(page, target))) {
    if (Date.now() > deadline) throw new Error(`the focus is not on ${describeTarget(target)} but on ${JSON.stringify(await focusedElement(page))}`);
    await page.waitForTimeout(50);
  }
}

/**
 * Whether the focused element shows that it has the focus: it matches `:focus-visible` and its look
 * (outline, shadow, border or background of it, its ::before/::after or its two parents — Strapi's
 * inputs draw the ring on their wrapper, its buttons on ::after) differs from the same element
 * without the focus. Transitions are switched off for the comparison, so both looks are final.
 */
export const focusIndicator = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return { focused: null, focusVisible: false, indicatorShown: false };
    const still = document.createElement('style');
    still.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
    document.head.append(still);
    const look = () => {
      const parts: string[] = [];
      let node: HTMLElement | null = element;
      for (let depth = 0; depth < 3 && node; depth += 1, node = node.parentElement) {
        for (const pseudo of [null, '::before', '::after']) {
          const style = getComputedStyle(node, pseudo);
          parts.push([style.outlineStyle, style.outlineWidth, style.outlineColor, style.boxShadow, style.borderColor, style.borderWidth, style.backgroundColor].join(' '));
        }
      }
      return parts.join(' | ');
    };
    const focusVisible = element.matches(':focus-visible');
    const withFocus = look();
    element.blur();
    const withoutFocus = look();
    element.focus();
    still.remove();
    return {
      focused: `${element.tagName.toLowerCase()} "${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 60)}"`,
      focusVisible,
      indicatorShown: withFocus !== withoutFocus,
    };
  });

/** Fails unless something has the focus, it matches `:focus-visible` and it looks focused. */
export async function expectFocusVisible(page: Page) {
  const indicator = await focusIndicator(page);
  if (!indicator.focused || !indicator.focusVisible || !indicator.indicatorShown) throw new Error(`the focus cannot be seen: ${JSON.stringify(indicator)}`);
}
