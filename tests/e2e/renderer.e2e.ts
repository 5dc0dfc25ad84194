// The sandbox's UI Kit host, fed a ForgeDoc by hand (as @forge/react's reconciler sends it): every
// component type the app's surfaces use renders with Atlaskit, nothing falls back to "not rendered",
// and event handlers receive what the bridge would pass (plain values, never DOM events).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { useSandboxPage } from './support/browser';
import { ROOT } from './support/sandbox';

/** Component types used under src/frontend (kept in step by the test below). */
const USED_BY_THE_APP = [
  'Box',
  'Button',
  'Checkbox',
  'Code',
  'DynamicTable',
  'EmptyState',
  'ErrorMessage',
  'Form',
  'FormFooter',
  'Heading',
  'HelperMessage',
  'Inline',
  'Label',
  'LoadingButton',
  'Lozenge',
  'Modal',
  'ModalBody',
  'ModalFooter',
  'ModalHeader',
  'ModalTitle',
  'ModalTransition',
  'ProgressBar',
  'SectionMessage',
  'Select',
  'Spinner',
  'Stack',
  'Text',
  'TextArea',
  'Textfield',
  'Toggle',
];

const NOT_HOST_COMPONENTS = new Set(['ForgeReconciler', 'I18nProvider']);

describe('the UI Kit host renders ForgeDocs with Atlaskit', () => {
  const session = useSandboxPage({}, async ({ page }) => {
    await page.goto('/uikit-host');
    await page.waitForFunction(() => typeof (window as any).__bridge?.callBridge === 'function');
  });
  let page: Page;
  let problems: string[];
  beforeAll(() => {
    ({ page, problems } = session);
  });

  test('the list of types covers what src/frontend imports from @forge/react', async () => {
    const { readFileSync, readdirSync, statSync } = await import('node:fs');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const full = path.join(dir, entry);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.tsx?$/.test(entry)) files.push(full);
      }
    };
    walk(path.join(ROOT, 'src/frontend'));
    const imported = new Set<string>();
    for (const file of files) {
      for (const match of readFileSync(file, 'utf8').matchAll(/import\s*\{([^}]*)\}\s*from\s*'@forge\/react'/g)) {
        for (const name of match[1].split(',').map((n) => n.trim().replace(/^type\s+/, ''))) {
          // ForgeReconciler and I18nProvider (a React context provider) send no ForgeDoc node of their own.
          if (/^[A-Z]/.test(name) && !/Props$/.test(name) && !NOT_HOST_COMPONENTS.has(name)) imported.add(name);
        }
      }
    }
    const missing = [...imported].filter((name) => !USED_BY_THE_APP.includes(name));
    expect(missing).toEqual([]);
  });

  test('every component type renders, and handlers get plain values', async () => {
    await page.evaluate(() => {
      const w = window as any;
      w.__calls = [];
      let id = 0;
      const n = (type: string, props: Record<string, unknown> = {}, ...children: unknown[]): any => ({
        type,
        key: `k${id++}`,
        props,
        children: children.map((c) => (typeof c === 'string' ? { type: 'String', key: `k${id++}`, props: { text: c }, children: [] } : c)),
      });
      const log =
        (name: string) =>
        (...args: unknown[]) =>
          w.__calls.push([name, JSON.parse(JSON.stringify(args))]);
      const cell = (key: string, ...content: unknown[]) => n('Cell', { cellKey: key }, ...content);
      const doc = n(
        'Root',
        {},
        n(
          'Stack',
          { space: 'space.200' },
          n('Heading', { size: 'medium' }, 'Gallery'),
          n(
            'Inline',
            { space: 'space.100', alignBlock: 'center' },
            n('Text', { weight: 'semibold' }, 'Text ', n('Code', {}, 'code')),
            n('Lozenge', { appearance: 'success' }, 'Synced'),
            n('Spinner', { size: 'small', label: 'Loading' }),
          ),
          n(
            'Box',
            { padding: 'space.100', xcss: { backgroundColor: 'color.background.neutral', borderRadius: 'border.radius' } },
            n('Text', {}, 'In a box'),
          ),
          n('SectionMessage', { appearance: 'warning', title: 'Careful' }, n('Text', {}, 'A warning')),
          n(
            'Box',
            { role: 'list', testId: 'gallery-list' },
            ...['one', 'two'].map((k) =>
              n(
                'Box',
                {
                  role: 'listitem',
                  testId: `gallery-item-${k}`,
                  xcss: {
                    borderBottomWidth: 'border.width',
                    borderBottomStyle: 'solid',
                    borderBottomColor: 'color.border',
                    paddingBlock: 'space.100',
                  },
                },
                n('Text', { testId: `gallery-text-${k}` }, `Item ${k}`),
              ),
            ),
          ),
          n('Checkbox', { id: 'f-also', label: 'Also update', isChecked: false, onChange: log('checkbox') }),
          n('ProgressBar', { value: 0.4, ariaLabel: 'Progress' }),
          n('EmptyState', { header: 'Nothing here', description: 'Link a record first' }),
          n('Button', { appearance: 'primary', onClick: log('button') }, 'Press'),
          n('LoadingButton', { isLoading: true, onClick: log('loading') }, 'Busy'),
          n(
            'DynamicTable',
            { label: 'Records', rowsPerPage: 10 },
            n('ContentWrapper', { name: 'head' }, cell('a', 'When'), cell('b', 'Will log')),
            n(
              'ContentWrapper',
              { name: 'rows' },
              n('Row', { rowKey: 'r1' }, cell('a', 'Mon'), cell('b', n('Text', {}, '2h'))),
              n('Row', { rowKey: 'r2' }, cell('a', 'Tue'), cell('b', n('Text', {}, '30m'))),
            ),
          ),
          n(
            'Form',
            { onSubmit: log('submit') },
            n('Label', { labelFor: 'f-name' }, 'Name'),
            n('Textfield', { id: 'f-name', value: '', onChange: log('textfield') }),
            n('HelperMessage', {}, 'Help'),
            n('Label', { labelFor: 'f-notes' }, 'Notes'),
            n('TextArea', { id: 'f-notes', value: '', onChange: log('textarea') }),
            n('ErrorMessage', {}, 'Wrong'),
            n('Label', { labelFor: 'f-pick' }, 'Pick'),
            n('Select', {
              id: 'f-pick',
              options: [
                { label: 'One', value: 1 },
                { label: 'Two', value: 2 },
              ],
              onChange: log('select'),
            }),
            n('Label', { labelFor: 'f-on' }, 'On'),
            n('Toggle', { id: 'f-on', isChecked: false, onChange: log('toggle') }),
            n('FormFooter', {}, n('Button', { type: 'submit', appearance: 'primary' }, 'Save')),
          ),
          n(
            'ModalTransition',
            {},
            n(
              'Modal',
              { onClose: log('close'), label: 'Confirm' },
              n('ModalHeader', {}, n('ModalTitle', { appearance: 'danger' }, 'Sure?')),
              n('ModalBody', {}, n('Text', {}, 'Body')),
              n('ModalFooter', {}, n('Button', { appearance: 'subtle', onClick: log('cancel') }, 'Cancel')),
            ),
          ),
        ),
      );
      w.__gallery = doc;
      w.__bridge.callBridge('reconcile', { forgeDoc: doc });
    });

    const dialog = page.getByRole('dialog');
    await dialog.getByText('Sure?').waitFor();
    expect(await page.locator('.uik-unsupported, .uik-host-error').count()).toBe(0);

    // The modal first (it traps focus), then the rest once the app removes it.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.evaluate(() => {
      const w = window as any;
      const stack = w.__gallery.children[0];
      stack.children = stack.children.filter((c: { type: string }) => c.type !== 'ModalTransition');
      w.__bridge.callBridge('reconcile', { forgeDoc: w.__gallery });
    });
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Press' }).click();
    await page.getByLabel('Name').fill('Ada');
    await page.getByLabel('Notes').fill('hello');
    await page.getByLabel('Pick').click();
    await page.getByRole('option', { name: 'Two' }).click();
    await page.getByLabel('On').check({ force: true });
    await page.getByLabel('Also update').check();
    // Box keeps its role and test id; its xcss border (tokens) is drawn.
    expect(await page.getByTestId('gallery-list').getByRole('listitem').count()).toBe(2);
    expect(await page.getByTestId('gallery-item-one').evaluate((el) => getComputedStyle(el).borderBottomStyle)).toBe('solid');
    expect(await page.getByTestId('gallery-text-two').innerText()).toBe('Item two');
    await page.getByRole('button', { name: 'Save' }).click();

    expect(await page.getByRole('table').locator('tbody tr').count()).toBe(2);
    expect(await page.getByRole('progressbar').count()).toBeGreaterThan(0);
    const calls: [string, unknown[]][] = await page.evaluate(() => (window as any).__calls);
    const last = (name: string) => [...calls].reverse().find(([n]) => n === name)?.[1];
    expect(last('cancel')).toEqual([]);
    expect(last('button')).toEqual([]);
    expect(last('textfield')).toEqual([expect.objectContaining({ target: expect.objectContaining({ value: 'Ada', type: 'text' }) })]);
    expect(last('textarea')).toEqual([expect.objectContaining({ target: expect.objectContaining({ value: 'hello', type: 'textarea' }) })]);
    expect(last('select')).toEqual([{ label: 'Two', value: 2 }]);
    expect(last('toggle')).toEqual([expect.objectContaining({ target: expect.objectContaining({ checked: true, type: 'checkbox' }) })]);
    expect(last('submit')).toEqual([]);
    expect(last('checkbox')).toEqual([expect.objectContaining({ target: expect.objectContaining({ checked: true, type: 'checkbox' }) })]);
    expect(problems.filter((p) => !/Failed to load resource/.test(p))).toEqual([]);

    mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, 'test-results/uikit-gallery.png'), fullPage: true });
  });
});
