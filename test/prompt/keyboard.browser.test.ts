import { describe, expect, it } from 'vitest';
import { focusedInWidget, usePromptPages } from '../helpers/prompt-page';

const h = usePromptPages();

describe('keyboard only, in Chromium', () => {
  it('answers end to end: Tab in, arrows, Enter, type, Send; the record reaches the server', async () => {
    const p = await h.open();
    await p.page.focus('#page-button');
    await p.show({ thanks: { closeAfterMs: 300 } });
    // Not stolen: focus stays on the page until the user tabs in.
    expect(await focusedInWidget(p.page)).toBe('page');
    expect(await p.page.evaluate(() => document.activeElement?.id)).toBe('page-button');
    await p.page.keyboard.press('Tab');
    expect(await focusedInWidget(p.page)).toBe('radio 0');
    for (let i = 0; i < 3; i++) await p.page.keyboard.press('ArrowRight');
    expect(await focusedInWidget(p.page)).toBe('radio 3');
    await p.page.keyboard.press('End');
    expect(await focusedInWidget(p.page)).toBe('radio 10');
    await p.page.keyboard.press('ArrowLeft');
    expect(await focusedInWidget(p.page)).toBe('radio 9');
    // One Tab stop for the whole group: Tab leaves it for the Close button.
    await p.page.keyboard.press('Tab');
    expect(await focusedInWidget(p.page)).toBe('button Close');
    await p.page.keyboard.press('Shift+Tab');
    expect(await focusedInWidget(p.page)).toBe('radio 9');
    await p.page.keyboard.press('Enter');
    await p.page.getByRole('textbox', { name: 'What do you like most?' }).waitFor();
    expect(await focusedInWidget(p.page)).toBe('textarea');
    await p.page.keyboard.type('Clear and fast');
    await p.page.keyboard.press('Tab');
    expect(await focusedInWidget(p.page)).toBe('button Send');
    await p.page.keyboard.press('Enter');
    await p.page.getByRole('status').getByText('Thank you for your feedback!').waitFor();
    const result = (await p.result()) as { status: string; score: number; comment: string; id: string };
    expect(result).toMatchObject({ status: 'answered', score: 9, category: 'promoter', comment: 'Clear and fast' });
    expect(await p.page.locator('nps-widget').count()).toBe(0);
    await p.page.evaluate(() => (window as unknown as { nps: { flush(): Promise<unknown> } }).nps.flush());
    const sent = p.posts.flatMap((b) => b.responses).filter((r) => r.id === result.id);
    expect(sent.at(-1)).toMatchObject({ status: 'answered', score: 9, comment: 'Clear and fast' });
    await p.page.context().close();
  });

  it('Space chooses, and a digit chooses directly', async () => {
    const p = await h.open();
    await p.show();
    await p.page.keyboard.press('Tab');
    await p.page.keyboard.press('Tab');
    await p.page.keyboard.press('ArrowRight');
    await p.page.keyboard.press('Space');
    await p.page.getByRole('textbox', { name: 'What is the main reason for your score?' }).waitFor();
    await p.page.keyboard.press('Escape');
    expect(await p.result()).toMatchObject({ status: 'answered', score: 1, category: 'detractor' });

    await p.show();
    await p.page.keyboard.press('Tab');
    await p.page.keyboard.press('Tab');
    await p.page.keyboard.press('7');
    await p.page.getByRole('textbox', { name: 'What would make it a 10?' }).waitFor();
    await p.page.keyboard.press('Escape');
    expect(await p.result()).toMatchObject({ status: 'answered', score: 7, category: 'passive' });
    await p.page.context().close();
  });

  it('Escape before a score dismisses; center traps focus, even after a click on the backdrop or a script, and gives it back', async () => {
    const p = await h.open();
    await p.page.focus('#page-button');
    await p.show({ position: 'center' });
    expect(await focusedInWidget(p.page)).toBe('radio 0');
    await p.page.keyboard.press('Tab');
    expect(await focusedInWidget(p.page)).toBe('button Close');
    await p.page.keyboard.press('Tab');
    expect(await focusedInWidget(p.page)).toBe('radio 0');
    await p.page.keyboard.press('Shift+Tab');
    expect(await focusedInWidget(p.page)).toBe('button Close');
    // The top-left corner is backdrop, outside the dialog box: focus stays put instead of dropping to <body>.
    await p.page.mouse.click(5, 5);
    expect(await focusedInWidget(p.page)).toBe('button Close');
    await p.page.keyboard.press('Tab');
    expect(await focusedInWidget(p.page)).toBe('radio 0');
    // Focus that lands in the page anyway (here a script moves it) comes back to the dialog; Tab goes on inside.
    await p.page.focus('#page-button');
    expect(await focusedInWidget(p.page)).toBe('div');
    await p.page.keyboard.press('Shift+Tab');
    expect(await focusedInWidget(p.page)).toBe('button Close');
    await p.page.keyboard.press('Escape');
    expect(await p.result()).toMatchObject({ status: 'dismissed' });
    expect(await p.page.evaluate(() => document.activeElement?.id)).toBe('page-button');
    await p.page.context().close();
  });
});
