import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { run } from '../cli/fake-io';
import { decodePng, nonWhitePixels } from './png';
import { SHOP_WORKLOADS, shopYaml } from './shop-cluster';

// `netpol graph --format html` opened in headless Chromium (Debian's package): the graph renders
// (a screenshot that is not blank, a node in the DOM per workload, laid out without overlaps and
// legible for a namespace of 20 workloads), hovering highlights a workload's connections, and the
// page asks for nothing but itself.

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED: html-chromium tests need Debian's chromium at ${CHROMIUM} (apt-get install -y chromium)`);
}

const PAYMENTS_YAML = readFileSync(join(__dirname, '..', '..', 'examples/yaml/payments.yaml'), 'utf8');

describe.skipIf(!haveChromium)(`netpol graph --format html in headless Chromium (${CHROMIUM})`, () => {
  let context: BrowserContext;
  let dir: string;
  const requests: string[] = [];

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    dir = mkdtempSync(join(tmpdir(), 'netpol-graph-html-'));
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1400, height: 1000 },
    });
    context.on('request', (r) => requests.push(r.url()));
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(name: string, yaml: string): Promise<Page> {
    const r = await run(['graph', '--format', 'html', `${name}.yaml`], { [`${name}.yaml`]: yaml });
    expect(r.code).toBe(0);
    const file = join(dir, `${name}.html`);
    writeFileSync(file, r.stdout);
    const page = await context.newPage();
    await page.goto(`file://${file}`);
    return page;
  }

  test.each([
    { name: 'shop', yaml: shopYaml, workloads: SHOP_WORKLOADS + 1 },
    { name: 'payments', yaml: () => PAYMENTS_YAML, workloads: 8 },
  ])('$name: the graph renders, one node per workload, nothing overlaps, labels legible', async ({ name, yaml, workloads }) => {
    const page = await open(name, yaml());
    expect(await page.locator('#graph .node').count()).toBe(workloads);
    expect(await page.locator('#matrix th.row').count()).toBe(workloads);

    const shot = decodePng(await page.locator('#graph').screenshot());
    const inked = nonWhitePixels(shot) / (shot.width * shot.height);
    expect(shot.width).toBeGreaterThan(300);
    expect(inked).toBeGreaterThan(0.05); // an empty SVG would be all white

    const boxes = await page.locator('#graph .node rect').evaluateAll((rects) => rects.map((r) => {
      const b = r.getBoundingClientRect();
      return { x: b.x, y: b.y, w: b.width, h: b.height };
    }));
    for (let i = 0; i < boxes.length; i++) {
      expect(boxes[i].w).toBeGreaterThan(100);
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect(overlap, `nodes ${i} and ${j} overlap`).toBe(false);
      }
    }
    // The whole graph fits the 1400px window without scrolling sideways, its labels at >= 11px.
    const fit = await page.locator('#graph').evaluate((svg) => ({
      right: svg.getBoundingClientRect().right,
      font: svg.querySelector('.node text')!.getBoundingClientRect().height,
    }));
    expect(fit.right).toBeLessThanOrEqual(1400);
    expect(fit.font).toBeGreaterThanOrEqual(11);
    await page.close();
  }, 60_000);

  test('hovering a workload highlights exactly its connections', async () => {
    const page = await open('shop-hover', shopYaml());
    const id = 'shop/orders-api';
    const ends = [id, 'ns:shop'].flatMap((e) => [`#graph .edge[data-from="${e}"]`, `#graph .edge[data-to="${e}"]`]).join(', ');
    const expected = await page.locator(ends).count();
    expect(await page.locator('#graph .edge[data-from="ns:shop"]').count()).toBe(1);
    expect(expected).toBeGreaterThan(0);
    await page.locator(`#graph .node[data-id="${id}"]`).hover();
    expect(await page.locator('#graph.focus').count()).toBe(1);
    expect(await page.locator('#graph .edge.hl').count()).toBe(expected);
    await page.mouse.move(1, 1);
    expect(await page.locator('#graph.focus').count()).toBe(0);
    await page.close();
  }, 60_000);

  test('the page fetches nothing but itself', () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
  });
});
