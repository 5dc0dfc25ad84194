/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LoadBoundary, reloadableLazy } from '../../../static/global-page/src/loadable';

// React reports errors caught by a boundary to the console and, in development, as window errors:
// expected here, so kept out of the test output.
const ignoreWindowError = (event: ErrorEvent) => event.preventDefault();
beforeAll(() => window.addEventListener('error', ignoreWindowError));
afterAll(() => window.removeEventListener('error', ignoreWindowError));

function Greeting({ name }: { name: string }) {
  return <p>Hello {name}</p>;
}

test('a chunk that fails to load shows what failed and loads again on "Try again"', async () => {
  let requests = 0;
  const Part = reloadableLazy(async () => {
    requests += 1;
    if (requests === 1) throw new TypeError('Failed to fetch dynamically imported module: /assets/Greeting.js');
    return { default: Greeting };
  });
  const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const user = userEvent.setup();
  render(
    <LoadBoundary failedTitle="Could not show the greeting" onRetry={Part.retry}>
      <Part name="Alice" />
    </LoadBoundary>,
  );
  expect(await screen.findByText('Could not show the greeting')).toBeTruthy();
  expect(screen.getByText(/Failed to fetch dynamically imported module/)).toBeTruthy();
  expect(screen.queryByText('Hello Alice')).toBeNull();
  // After a redeploy the old chunk is gone for good: a fresh page is the way out.
  expect(screen.getByRole('button', { name: 'Reload the page' })).toBeTruthy();

  await user.click(screen.getByRole('button', { name: 'Try again' }));
  expect(await screen.findByText('Hello Alice')).toBeTruthy();
  expect(screen.queryByText('Could not show the greeting')).toBeNull();
  expect(requests).toBe(2);
  quiet.mockRestore();
});

test('a part that throws while rendering is replaced by a message, not by an empty page', async () => {
  let broken = true;
  function Fragile() {
    if (broken) throw new Error('Cannot read the records');
    return <p>Records</p>;
  }
  const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const user = userEvent.setup();
  render(
    <div>
      <h1>Timecard sync</h1>
      <LoadBoundary failedTitle="Could not show the records">
        <Fragile />
      </LoadBoundary>
    </div>,
  );
  expect(screen.getByRole('heading', { name: 'Timecard sync' })).toBeTruthy();
  expect(screen.getByText('Cannot read the records')).toBeTruthy();
  broken = false;
  await user.click(screen.getByRole('button', { name: 'Try again' }));
  expect(await screen.findByText('Records')).toBeTruthy();
  quiet.mockRestore();
});
