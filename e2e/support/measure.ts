import type { Page } from 'playwright-core';

/** Every visible text inside `main` rendered smaller than `minPx`, as "text (size)". */
export function smallTexts(page: Page, minPx: number): Promise<string[]> {
  return page.evaluate((min) => {
    const root = document.querySelector('main');
    if (!root) return ['<no main element>'];
    const out: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const el = node.parentElement;
      if (!text || !el) continue;
      const rect = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (rect.width === 0 || rect.height === 0 || style.visibility === 'hidden') continue;
      const size = parseFloat(style.fontSize);
      if (size < min) out.push(`${text.slice(0, 30)} (${size}px)`);
    }
    return out;
  }, minPx);
}

/** Every visible control (buttons, links, inputs, switches) smaller than `minPx` in either direction. */
export function smallTargets(page: Page, minPx: number): Promise<string[]> {
  return page.evaluate((min) => {
    const selector =
      'button, a[href], input:not([type=hidden]), textarea, [role=switch], [role=button], [role=tab]';
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      if (getComputedStyle(el).visibility === 'hidden') continue;
      // A text field counts by its row: the tap lands anywhere on it.
      const target = el.matches('input, textarea')
        ? (el.closest('.adm-list-item, .ll-textarea, .ll-input-box') ?? el)
        : el;
      const box = target.getBoundingClientRect();
      if (box.height < min || box.width < min) {
        const label = (el.getAttribute('aria-label') ?? el.textContent ?? el.tagName).trim().slice(0, 30);
        out.push(`${label} (${Math.round(box.width)}×${Math.round(box.height)})`);
      }
    }
    return out;
  }, minPx);
}
