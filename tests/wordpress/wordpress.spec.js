// The WordPress plugin in a real WordPress (scripts/test-wordpress makes the
// site): an administrator uploads the release build's zip and fills in the
// settings; an author and a contributor place the block and the shortcode
// through the REST API with the block editor's own apiFetch (cookie + nonce);
// a patient on a phone opens the published posts. The tests run in order and
// build on each other.
const { test, expect } = require('@playwright/test');
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const RESULTS = path.join(ROOT, 'test-results');
const SITE = process.env.IC_WP_URL;
const ZIP = process.env.IC_WP_ZIP;
const SOCKET = process.env.IC_WP_SOCKET;
const secret = () => Math.random().toString(36).slice(2);
const ADMIN = { user: 'admin', password: process.env.IC_WP_ADMIN_PASSWORD };
const AUTHOR = { user: 'amelia', password: `author-${secret()}`, role: 'author' };
const CONTRIBUTOR = { user: 'carlos', password: `contributor-${secret()}`, role: 'contributor' };
const DESKTOP = { viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false };

// The widget's own messages, from the cases its Rust tests read too.
const FIXTURE = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'config-rules.json'), 'utf8'));
function widgetMessage(key, value) {
  const c = FIXTURE.cases.find((x) => x.key === key && x.value === value);
  if (!c || !c.error) throw new Error(`no bad case ${key} = ${value} in tests/config-rules.json`);
  return c.error;
}

// The README's two snippets, as a clinic would paste them into a Custom HTML block.
const SNIPPET_ELEMENT = `<script type="module" src="${SITE}/wp-content/plugins/infusion-check/widget/infusion-check.js"></script>
<infusion-check clinic-name="Riverside Infusion Clinic" clinic-phone="+1 555 0100" emergency-number="911">
  <p><a href="tel:911">Emergency / Emergencia: 911</a></p>
</infusion-check>`;
const SNIPPET_IFRAME = `<iframe id="infusion-check" title="Symptom check after your IV drip" src="${SITE}/frame.html#clinic-phone=%2B1%20555%200100" style="width:100%;height:900px;border:0"></iframe>
<p><a href="tel:911">Emergency / Emergencia: 911</a></p>
<script>addEventListener("message",function(e){var f=document.getElementById("infusion-check");if(f&&e.source===f.contentWindow&&e.data&&e.data.type==="infusion-check:height"){f.style.height=e.data.height+"px"}});</script>`;

const PASTED = `<!-- wp:html -->\n${SNIPPET_ELEMENT}\n${SNIPPET_IFRAME}\n<!-- /wp:html -->`;
const BLOCK = '<!-- wp:infusion-check/widget /-->';
const SHORTCODE_ES = '[infusion_check lang="es" clinic_name="Clínica Ribera" clinic_phone="+34 600 123 456" emergency_number="112"]';
const posts = {}; // name → { id, link }

test.describe.configure({ mode: 'serial' });

async function login(page, who) {
  await page.goto('/wp-login.php');
  await page.locator('#user_login').fill(who.user);
  await page.locator('#user_pass').fill(who.password);
  await Promise.all([page.waitForURL(/\/wp-admin\//), page.locator('#wp-submit').click()]);
}

/** The REST API with the logged-in user's cookie and a REST nonce. */
async function rest(page, method, route, data) {
  const nonce = (await (await page.request.get('/wp-admin/admin-ajax.php?action=rest-nonce')).text()).trim();
  const res = await page.request.fetch(`/?rest_route=${route}`, { method, headers: { 'X-WP-Nonce': nonce }, data });
  const body = await res.json();
  expect(res.ok(), `${method} ${route}: ${JSON.stringify(body).slice(0, 300)}`).toBe(true);
  return body;
}

/** Opens the block editor on a new post (welcome guide closed). */
async function openEditor(page, url = '/wp-admin/post-new.php') {
  await page.goto(url);
  await page.waitForFunction(() => window.wp && wp.apiFetch && wp.data && wp.blocks && wp.data.select('core/edit-post'));
  await page.evaluate(() => {
    if (wp.data.select('core/edit-post').isFeatureActive('welcomeGuide')) {
      wp.data.dispatch('core/edit-post').toggleFeature('welcomeGuide');
    }
  });
}

/** The block editor's own request: wp.apiFetch, with its cookie and nonce. */
function apiFetch(page, options) {
  return page.evaluate((o) => wp.apiFetch(o), options);
}

/** The README's snippets, pasted by a user without "unfiltered HTML": WordPress removes them. */
async function expectStripped(page) {
  const p = await apiFetch(page, { path: '/wp/v2/posts?context=edit', method: 'POST', data: { title: 'Pasted', status: 'draft', content: PASTED } });
  for (const tag of ['<script', '<infusion-check', '<iframe']) expect(p.content.raw).not.toContain(tag);
  expect(p.content.raw, 'the links under them stay').toContain('<a href="tel:911">');
  // ... and the resize script's code stays as text on the page: why the
  // setup page marks it as a block to leave out where scripts are stripped.
  expect(p.content.raw).toContain('addEventListener("message"');
}

/** Requests that leave the site and errors in the console, on a patient's page. */
function watch(page) {
  const w = { offsite: [], errors: [], requests: [] };
  page.on('request', (r) => {
    w.requests.push(r.url());
    if (!r.url().startsWith(SITE + '/') && !r.url().startsWith('data:')) w.offsite.push(r.url());
  });
  page.on('console', (m) => m.type() === 'error' && w.errors.push(m.text()));
  page.on('pageerror', (e) => w.errors.push(e.message));
  return w;
}

function optionRows() {
  const out = execFileSync('mariadb', ['--no-defaults', `--socket=${SOCKET}`, '-u', 'root', '-N', '-e',
    "SELECT COUNT(*) FROM wordpress.wp_options WHERE option_name = 'infusion_check_settings'"]);
  return Number(String(out).trim());
}

test.describe('the site', () => {
  test.use(DESKTOP);

  test('an administrator uploads the built zip (Plugins → Add New → Upload) and activates it', async ({ page }) => {
    await login(page, ADMIN);
    await page.goto('/wp-admin/plugin-install.php?tab=upload');
    await page.locator('#pluginzip').setInputFiles(ZIP);
    await page.locator('#install-plugin-submit').click();
    await expect(page.getByText('Plugin installed successfully.')).toBeVisible({ timeout: 60_000 });
    await page.getByRole('link', { name: 'Activate Plugin' }).click();
    await expect(page.getByText('Plugin activated.')).toBeVisible();
    await expect(page.locator('tr.active[data-slug="infusion-check"]')).toBeVisible();
    // The widget's files came with it and are served as the browser needs them.
    const js = await page.request.get('/wp-content/plugins/infusion-check/widget/infusion-check.js');
    expect(js.status()).toBe(200);
    const wasmName = (await js.text()).match(/pkg\/infusion_check_bg-[0-9a-f]+\.wasm/)[0];
    const wasm = await page.request.get(`/wp-content/plugins/infusion-check/widget/${wasmName}`);
    expect(wasm.headers()['content-type']).toBe('application/wasm');
  });

  test("Settings → Infusion check: saves good values, refuses a bad phone with the widget's message, checks its nonce and who may change it", async ({ page }) => {
    await login(page, ADMIN);
    await page.goto('/wp-admin/options-general.php?page=infusion-check');
    const good = {
      clinic_name: 'Riverside Infusion Clinic',
      clinic_phone: '+1 555 0100',
      after_hours_phone: '+1 555 0199',
      emergency_number: '911',
      infusion: 'magnesium sulfate 2 g in 100 mL',
      accent: '#0A5C8F',
      hours: 'Mo-Fr  08:00-18:00; Sa 09:00-13:00',
      timezone: ' America/Los_Angeles',
    };
    for (const [k, v] of Object.entries(good)) await page.locator(`#infusion-check-${k}`).fill(v);
    await page.locator('#infusion-check-lang').selectOption('en');
    await page.locator('#submit').click();
    await expect(page.locator('#setting-error-settings_updated')).toContainText('Settings saved.');
    await expect(page.locator('#infusion-check-accent')).toHaveValue('#0a5c8f');
    // (saved as the widget reads them)
    await expect(page.locator('#infusion-check-hours')).toHaveValue('Mo-Fr 08:00-18:00; Sa 09:00-13:00');
    await expect(page.locator('#infusion-check-timezone')).toHaveValue('America/Los_Angeles');

    const bad = '555 0100 x12';
    await page.locator('#infusion-check-clinic_phone').fill(bad);
    await page.locator('#infusion-check-clinic_name').fill('<b>Riverside</b>');
    await page.locator('#infusion-check-accent').fill('red');
    await page.locator('#infusion-check-hours').fill('Mo-Fr 8:00-18:00');
    await page.locator('#submit').click();
    await expect(page.locator('#setting-error-infusion-check-hours')).toContainText(widgetMessage('hours', 'Mo-Fr 8:00-18:00'));
    await expect(page.locator('#infusion-check-hours')).toHaveValue('Mo-Fr 08:00-18:00; Sa 09:00-13:00');
    await expect(page.locator('#setting-error-infusion-check-clinic-phone')).toContainText(
      `Clinic phone (clinic-phone) ${widgetMessage('clinic-phone', bad)}. Not saved: the previous value is kept.`,
    );
    await expect(page.locator('#setting-error-infusion-check-clinic-name')).toContainText(widgetMessage('clinic-name', 'A > B clinic'));
    await expect(page.locator('#setting-error-infusion-check-accent')).toContainText(widgetMessage('accent', 'red'));
    await expect(page.locator('#setting-error-settings_updated')).toHaveCount(0);
    await expect(page.locator('#infusion-check-clinic_phone')).toHaveValue('+1 555 0100');
    await expect(page.locator('#infusion-check-clinic_name')).toHaveValue('Riverside Infusion Clinic');
    await expect(page.locator('#infusion-check-accent')).toHaveValue('#0a5c8f');
    await page.screenshot({ path: path.join(RESULTS, 'wordpress-settings.png'), fullPage: true });

    // Without the form's nonce, WordPress refuses the change.
    const forged = await page.request.post('/wp-admin/options.php', {
      form: { option_page: 'infusion-check', action: 'update', _wpnonce: 'forged', 'infusion_check_settings[clinic_phone]': '+1 555 0666' },
    });
    expect(forged.status()).toBe(403);
    await page.reload();
    await expect(page.locator('#infusion-check-clinic_phone')).toHaveValue('+1 555 0100');

    // An administrator of a single site has "unfiltered HTML": the README's
    // snippets pasted into a Custom HTML block are kept as written.
    const kept = await rest(page, 'POST', '/wp/v2/posts&context=edit', { title: 'Pasted by the administrator', status: 'draft', content: PASTED });
    for (const tag of ['<script type="module"', '<infusion-check clinic-name=', '<iframe id="infusion-check"']) expect(kept.content.raw).toContain(tag);

    // The people who will place the check: an author and a contributor.
    for (const who of [AUTHOR, CONTRIBUTOR]) {
      await rest(page, 'POST', '/wp/v2/users', {
        username: who.user, password: who.password, email: `${who.user}@example.invalid`, roles: [who.role],
      });
    }
  });

  test('an author finds the block in the inserter and publishes it and the shortcode (in Spanish) through the REST API; pasted snippets are stripped', async ({ page }) => {
    await login(page, AUTHOR);
    // Not the settings page: that is for administrators.
    const denied = await page.request.get('/wp-admin/options-general.php?page=infusion-check');
    expect(denied.status()).toBe(403);

    await openEditor(page);
    const type = await page.evaluate(() => {
      const t = wp.blocks.getBlockType('infusion-check/widget');
      return t && { title: t.title, category: t.category };
    });
    expect(type).toEqual({ title: 'Infusion check', category: 'widgets' });

    const publish = async (name, title, content) => {
      const p = await apiFetch(page, { path: '/wp/v2/posts?context=edit', method: 'POST', data: { title, content, status: 'publish' } });
      expect(p.status, name).toBe('publish');
      expect(p.content.raw, `${name}: the saved post keeps the block or shortcode`).toBe(content);
      posts[name] = { id: p.id, link: p.link };
    };
    await publish('block', 'After your drip', `<!-- wp:paragraph -->\n<p>Feeling unwell after your drip? Check here.</p>\n<!-- /wp:paragraph -->\n\n${BLOCK}`);
    await publish('es', 'Después de su suero', `<!-- wp:shortcode -->\n${SHORTCODE_ES}\n<!-- /wp:shortcode -->`);
    await publish('two', 'Two checks', `${BLOCK}\n\n<!-- wp:infusion-check/widget {"clinicPhone":"555 0100 x12","lang":"es"} /-->`);

    // What the issue saw: an author's pasted custom element and iframe are
    // removed by WordPress (no "unfiltered HTML"); the plugin is the way.
    await expectStripped(page);

    // The published post in the editor: the block's preview is the server's
    // own rendering (the numbers a patient sees first), its settings in the sidebar.
    await openEditor(page, `/wp-admin/post.php?post=${posts.block.id}&action=edit`);
    const placed = page.locator('[data-type="infusion-check/widget"]');
    await expect(placed.locator('a[href="tel:+15550100"]')).toHaveText('Riverside Infusion Clinic: +1 555 0100');
    await placed.click();
    const sidebar = page.getByRole('button', { name: 'Settings', exact: true });
    if ((await sidebar.getAttribute('aria-pressed')) !== 'true') await sidebar.click();
    await expect(page.getByRole('button', { name: "Your clinic's details" })).toBeVisible();
    await page.screenshot({ path: path.join(RESULTS, 'wordpress-block-editor.png') });

    // A new post: the block from the inserter; a bad phone in its settings
    // shows the widget's message in the preview.
    await openEditor(page);
    await page.getByRole('button', { name: 'Toggle block inserter' }).click();
    await page.getByPlaceholder('Search').fill('Infusion check');
    await page.getByRole('option', { name: 'Infusion check' }).click();
    await page.getByRole('button', { name: 'Toggle block inserter' }).click();
    if ((await sidebar.getAttribute('aria-pressed')) !== 'true') await sidebar.click();
    const canvas = page.locator('.block-editor-block-list__layout');
    const block = canvas.locator('[data-type="infusion-check/widget"]');
    await expect(block.locator('a[href="tel:911"]')).toHaveText('Emergency: 911');
    await expect(block.locator('a[href="tel:+15550100"]')).toHaveText('Riverside Infusion Clinic: +1 555 0100');
    await expect(page.getByRole('button', { name: "Your clinic's details" })).toBeVisible();
    await page.getByLabel('Clinic phone').fill('555 0100 x12');
    await expect(block.locator('.infusion-check-setup-problems')).toContainText(widgetMessage('clinic-phone', '555 0100 x12'));
    await page.getByLabel('Clinic phone').fill('+1 555 0142');
    await expect(block.locator('a[href="tel:+15550142"]')).toBeVisible();
    await expect(block.locator('.infusion-check-setup-problems')).toHaveCount(0);
  });

  test('a contributor can place the block and the shortcode too (saved for review as written); pasted snippets are stripped', async ({ page }) => {
    await login(page, CONTRIBUTOR);
    await openEditor(page);
    const content = `${BLOCK}\n\n<!-- wp:shortcode -->\n${SHORTCODE_ES}\n<!-- /wp:shortcode -->`;
    const p = await apiFetch(page, { path: '/wp/v2/posts?context=edit', method: 'POST', data: { title: 'For review', content, status: 'pending' } });
    expect(p.status).toBe('pending');
    expect(p.content.raw).toBe(content);
    await expectStripped(page);
    const preview = await apiFetch(page, { path: '/wp/v2/block-renderer/infusion-check/widget?context=edit&attributes[lang]=es&post_id=' + p.id });
    expect(preview.rendered).toContain('<a href="tel:911">Emergencia: 911</a>');
  });
});

test.describe('a patient on a phone', () => {
  test('the published block: whom to call in the page itself, then a red flag reaches the emergency result', async ({ page }) => {
    const w = watch(page);
    // The server's HTML: the element with the settings, the numbers as links, one module script.
    const html = await (await page.request.get(posts.block.link)).text();
    const element = html.match(/<infusion-check [^>]*>[\s\S]*?<\/infusion-check>/)[0];
    expect(element).toContain('clinic-name="Riverside Infusion Clinic"');
    expect(element).toContain('clinic-phone="+1 555 0100"');
    expect(element).toContain('lang="en"');
    expect(element).toContain('accent="#0a5c8f"');
    expect(element).toContain('hours="Mo-Fr 08:00-18:00; Sa 09:00-13:00"');
    expect(element).toContain('timezone="America/Los_Angeles"');
    expect(element).toContain('<a href="tel:911">Emergency: 911</a>');
    expect(element).toContain('<a href="tel:+15550100">Riverside Infusion Clinic: +1 555 0100</a>');
    expect(element).toContain('<a href="tel:+15550199">After hours: +1 555 0199</a>');
    expect(html.match(/<script[^>]*infusion-check\.js[^>]*>/g)).toEqual([expect.stringContaining('type="module"')]);

    await page.goto(posts.block.link);
    const ic = page.locator('infusion-check');
    await expect(ic.locator('.ic-main [data-question="red_flags"]')).toBeVisible({ timeout: 30_000 });
    await page.screenshot({ path: path.join(RESULTS, 'wordpress-block-page.png') });
    await ic.locator('input[data-option=rf_chest]').check();
    await ic.locator('.ic-main button[data-action=next]').click();
    await expect(ic.locator('[data-disposition="emergency"]')).toBeVisible();
    await expect(ic.locator('a[data-action=call-emergency]')).toHaveAttribute('href', 'tel:911');
    await expect(ic.locator('a[data-action=call-clinic]')).toHaveAttribute('href', 'tel:+15550100');
    expect(w.offsite, 'requests that left the site').toEqual([]);
    expect(w.errors, 'console errors').toEqual([]);
  });

  test('the shortcode in Spanish reaches a result in Spanish', async ({ page }) => {
    const w = watch(page);
    const html = await (await page.request.get(posts.es.link)).text();
    expect(html).toContain('<a href="tel:112">Emergencia: 112</a>');
    expect(html).toContain('<a href="tel:+34600123456">Clínica Ribera: +34 600 123 456</a>');
    await page.goto(posts.es.link);
    const ic = page.locator('infusion-check');
    await expect(ic.locator('.ic-app')).toHaveAttribute('lang', 'es', { timeout: 30_000 });
    await expect(ic.locator('.ic-main label.ic-none')).toHaveText('Ninguno de estos');
    await ic.locator('input[data-option=rf_breath_severe]').check();
    await ic.locator('.ic-main button[data-action=next]').click();
    await expect(ic.locator('[data-disposition="emergency"]')).toBeVisible();
    await expect(ic.locator('a[data-action=call-emergency]')).toHaveAttribute('href', 'tel:112');
    await expect(ic.locator('a[data-action=call-emergency]')).toContainText('Llame al 112');
    expect(w.offsite, 'requests that left the site').toEqual([]);
    expect(w.errors, 'console errors').toEqual([]);
  });

  test('two blocks on a page: one script, both checks start; a bad phone in a block falls back to the setting', async ({ page }) => {
    const w = watch(page);
    const html = await (await page.request.get(posts.two.link)).text();
    expect((html.match(/<infusion-check /g) || []).length).toBe(2);
    expect((html.match(/<script[^>]*infusion-check\.js/g) || []).length).toBe(1);
    expect(html).not.toContain('x12');
    expect(html).not.toContain('setup-problems'); // only people who can edit posts see those
    await page.goto(posts.two.link);
    const checks = page.locator('infusion-check');
    await expect(checks).toHaveCount(2);
    await expect(checks.nth(0).locator('.ic-main [data-question="red_flags"]')).toBeVisible({ timeout: 30_000 });
    await expect(checks.nth(1).locator('.ic-main [data-question="red_flags"]')).toBeVisible();
    await expect(checks.nth(1).locator('.ic-app')).toHaveAttribute('lang', 'es');
    const loads = w.requests.filter((u) => /\/widget\/infusion-check\.js/.test(u));
    expect(loads, 'the loader is requested once').toHaveLength(1);
    expect(w.requests.filter((u) => u.endsWith('.wasm')), 'the wasm is fetched once').toHaveLength(1);
    expect(w.errors, 'console errors').toEqual([]);
  });
});

test.describe('without the plugin', () => {
  test.use(DESKTOP);

  test('deactivated: the block leaves nothing and no broken markup; the shortcode stays as its text; deleting it removes its settings', async ({ page, browser }) => {
    await login(page, ADMIN);
    await page.goto('/wp-admin/plugins.php');
    await page.locator('#deactivate-infusion-check').click();
    await expect(page.getByText('Plugin deactivated.')).toBeVisible();

    const visitor = await browser.newPage();
    const w = watch(visitor);
    await visitor.goto(posts.block.link);
    const html = await visitor.content();
    expect(html).not.toContain('<infusion-check');
    expect(html).not.toContain('infusion-check.js');
    await expect(visitor.locator('main, body').first()).toContainText('Feeling unwell after your drip? Check here.');
    const text = await visitor.locator('body').innerText();
    expect(text).not.toMatch(/wp:infusion|addEventListener|<\/?[a-z-]+[ >]/);
    await visitor.goto(posts.es.link);
    expect(await visitor.content()).not.toContain('<infusion-check');
    // WordPress shows an unknown shortcode as the text that was typed (its
    // quotes curled): plain text, no element, no script.
    await expect(visitor.locator('body')).toContainText('[infusion_check lang=\u201des\u201d clinic_name=\u201dClínica Ribera\u201d');
    expect(w.errors, 'console errors').toEqual([]);
    await visitor.close();

    // Deleting the plugin runs its uninstall.php: the settings go.
    expect(optionRows()).toBe(1);
    page.on('dialog', (d) => d.accept());
    await page.locator('#delete-infusion-check').click();
    await expect(page.getByText('Infusion check was successfully deleted.')).toBeVisible({ timeout: 30_000 });
    expect(optionRows()).toBe(0);
  });
});
