/**
 * The timetable as one self-contained web page: CSS and the small tab script inline, no fonts,
 * images or scripts from anywhere. The layout (which entries run in parallel, in which column) is
 * the domain's, the same the terminal grid draws. Every text is escaped; descriptions are Markdown
 * rendered by markdown-it with raw HTML off.
 */
import MarkdownIt from 'markdown-it';
import { blockFullTitle, placeText, resolvePlace } from '../domain/event.js';
import { indexOf } from '../domain/lookup.js';
import { isStoredPath } from '../domain/materials.js';
import type { Colors, EventFile, Material } from '../domain/schema.js';
import { endClock, fromEpoch, MINUTE, maxOf, minOf, toIso, weekday } from '../domain/time.js';
import { buildTimetable, type TimetableEntry } from '../domain/timetable.js';
import { escapeControls } from './controls.js';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

export const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** WCAG relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

/** The pair's text colour if it reads (WCAG AA, 4.5:1), else black or white, whichever reads better. */
export function readableText(colors: Colors): string {
  if (contrast(colors.text, colors.background) >= 4.5) return colors.text;
  return contrast('#000000', colors.background) >= contrast('#ffffff', colors.background) ? '#000000' : '#ffffff';
}

export interface HtmlOptions {
  /** the event file's folder, relative to where the page is written: material files link through it */
  materialsBase: string;
  /** the materials folder's name (`chep2026.materials`): only files recorded inside it are linked */
  materialsDir: string;
  session?: number;
}

const PX_PER_MINUTE = 2.6;

export function renderHtml(ev: EventFile, options: HtmlOptions): string {
  // Control characters of the file's texts never reach the page raw (HTML forbids them): \xNN.
  return escapeControls(renderPage(ev, options));
}

/** The parts of the page: times, entries, materials and each day's panel. */
class Page {
  private readonly zone: string;
  private readonly ix: ReturnType<typeof indexOf>;

  constructor(
    private readonly ev: EventFile,
    private readonly options: HtmlOptions,
  ) {
    this.zone = ev.event.timezone;
    this.ix = indexOf(ev);
  }

  time(t: number): string {
    return `<time datetime="${toIso(t, this.zone)}">${fromEpoch(t, this.zone).slice(11)}</time>`;
  }

  /** An end on the next day (an entry across midnight) says so: 23:00–00:30 (+1 day). */
  private span(e: { start: number; end: number }): string {
    const end = `<time datetime="${toIso(e.end, this.zone)}">${escapeHtml(endClock(e.start, e.end, this.zone))}</time>`;
    return `${this.time(e.start)}–${end}`;
  }

  private materialLink(m: Material): string {
    // A file is linked only where eventctl stores files: a hand-edited path elsewhere is not.
    if ('file' in m && !isStoredPath(m.file, this.options.materialsDir)) {
      const why = '<span class="folder">(not linked: outside the materials folder)</span>';
      return `<li>${escapeHtml(m.title)} ${why}</li>`;
    }
    const file = 'url' in m ? '' : m.file.split('/').map(encodeURIComponent).join('/');
    const href = 'url' in m ? m.url : `${this.options.materialsBase}${file}`;
    const folder = m.folder ? ` <span class="folder">${escapeHtml(m.folder)}</span>` : '';
    return `<li><a href="${escapeHtml(href)}">${escapeHtml(m.title)}</a>${folder}</li>`;
  }

  private child(c: TimetableEntry): string {
    if (c.kind === 'break') {
      const title = `<span class="title">${escapeHtml(c.title)}</span>`;
      return `<li class="break" data-kind="break" data-id="${c.id}">${this.span(c)} ${title}</li>`;
    }
    const people = c.people.length ? ` <span class="people">${escapeHtml(c.people.join(', '))}</span>` : '';
    const authors = c.authors?.length ? ` <span class="authors">with ${escapeHtml(c.authors.join(', '))}</span>` : '';
    const track = c.track ? ` <span class="track">${escapeHtml(c.track)}</span>` : '';
    const title = `<span class="title">${escapeHtml(c.title)}</span>`;
    const open = `<li class="contribution" data-kind="contribution" data-id="${c.id}">`;
    return `${open}${this.span(c)} ${title}${people}${authors}${track}</li>`;
  }

  private poster(c: TimetableEntry): string {
    const start = toIso(c.start, this.zone);
    const open = `<li class="poster" data-kind="contribution" data-id="${c.id}" data-start="${start}">`;
    const board = `<span class="board">${escapeHtml(c.boardNumber ?? '')}</span>`;
    const people = c.people.length ? `<span class="people">${escapeHtml(c.people.join(', '))}</span>` : '';
    return `${open}${board}<span class="title">${escapeHtml(c.title)}</span>${people}</li>`;
  }

  /** A block with its children (posters as a grid of cards), its description and materials. */
  private block(e: TimetableEntry, geometry: string): string {
    const session = e.session ? this.ix.sessions.get(e.session.id) : undefined;
    const block = this.ix.blocks.get(e.id)?.block;
    const room = session && block ? placeText(resolvePlace(this.ev, session, block)) : e.room;
    const description = session?.description ? `<div class="description">${md.render(session.description)}</div>` : '';
    const links = (session?.materials ?? []).map((m) => this.materialLink(m)).join('');
    const materials = links ? `<ul class="materials" aria-label="Material">${links}</ul>` : '';
    const children = e.poster
      ? `<ul class="posters">${(e.entries ?? []).map((c) => this.poster(c)).join('')}</ul>`
      : `<ul class="children">${(e.entries ?? []).map((c) => this.child(c)).join('')}</ul>`;
    const title = session && block ? blockFullTitle(session, block) : e.title;
    const classes = `entry block${e.poster ? ' poster-block' : ''}`;
    const where = room ? ` · <span class="room">${escapeHtml(room)}</span>` : '';
    const conveners = `<span class="conveners">Conveners: ${escapeHtml(e.people.join(', '))}</span>`;
    const who = e.people.length ? ` · ${conveners}` : '';
    // Focusable, as an entry whose content does not fit scrolls, and a keyboard must reach it (WCAG 2.1.1).
    return `<article class="${classes}" data-kind="block" data-id="${e.id}" tabindex="0" aria-label="${escapeHtml(
      title,
    )}" style="${geometry};${style(e.colors)}">
<h3>${escapeHtml(title)}</h3>
<p class="meta">${this.span(e)}${where}${who}</p>
${description}${children}${materials}
</article>`;
  }

  private entry(e: TimetableEntry, dayStart: number): string {
    const top = ((e.start - dayStart) / MINUTE) * PX_PER_MINUTE;
    const height = Math.max(((e.end - e.start) / MINUTE) * PX_PER_MINUTE, 24);
    const across = `left:calc(${e.column} * 100% / ${e.columns});width:calc(100% / ${e.columns})`;
    const geometry = `top:${top}px;height:${height}px;${across}`;
    if (e.kind === 'block') return this.block(e, geometry);
    const kind = e.kind === 'break' ? 'break' : 'contribution';
    const colours = style(e.colors ?? e.session?.colors);
    const where = e.room ? ` · <span class="room">${escapeHtml(e.room)}</span>` : '';
    const who = e.people.length ? ` · ${escapeHtml(e.people.join(', '))}` : '';
    return `<article class="entry ${kind}" data-kind="${kind}" data-id="${e.id}" tabindex="0" aria-label="${escapeHtml(
      e.title,
    )}" style="${geometry};${colours}">
<h3>${escapeHtml(e.title)}</h3>
<p class="meta">${this.span(e)}${where}${who}</p>
</article>`;
  }

  /** A day's panel: the hour axis and its entries side by side in their columns. */
  day(day: ReturnType<typeof buildTimetable>['days'][number], i: number): string {
    const starts = day.entries.map((e) => e.start);
    const ends = day.entries.map((e) => e.end);
    const dayStart = day.firstHour ?? (starts.length ? minOf(starts) : 0); // from the local full hour
    const dayEnd = ends.length ? maxOf(ends) : dayStart;
    const hours: string[] = [];
    for (let t = dayStart; t <= dayEnd; t += 60 * MINUTE) {
      const top = ((t - dayStart) / MINUTE) * PX_PER_MINUTE;
      hours.push(`<div class="hour" style="top:${top}px">${this.time(t)}</div>`);
    }
    const height = ((dayEnd - dayStart) / MINUTE) * PX_PER_MINUTE + 24;
    const label = `${weekday(day.date)} ${day.date}`;
    const hidden = i === 0 ? '' : ' data-hidden';
    const panel = `id="day-${day.date}" role="tabpanel" aria-labelledby="tab-${day.date}" tabindex="0"${hidden}`;
    return `<section class="day" ${panel}>
<h2>${escapeHtml(label)}</h2>
<div class="grid" style="height:${height}px">
<div class="axis" aria-hidden="true">${hours.join('')}</div>
<div class="lanes">${day.entries.map((e) => this.entry(e, dayStart)).join('\n')}</div>
</div>
</section>`;
  }
}

const style = (colors: Colors | undefined) => (colors ? `--bg:${colors.background};--fg:${readableText(colors)}` : '');

function renderPage(ev: EventFile, options: HtmlOptions): string {
  const zone = ev.event.timezone;
  const tt = buildTimetable(ev, options.session === undefined ? {} : { session: options.session });
  const page = new Page(ev, options);
  const days = tt.days.map((day, i) => page.day(day, i));
  const tabs = tt.days
    .map((d, i) => {
      const selected = `aria-selected="${i === 0}" tabindex="${i === 0 ? 0 : -1}"`;
      const tab = `role="tab" id="tab-${d.date}" href="#day-${d.date}" aria-controls="day-${d.date}" ${selected}`;
      return `<a ${tab}>${escapeHtml(`${weekday(d.date)} ${d.date.slice(5)}`)}</a>`;
    })
    .join('');
  const place = placeText(ev.event.location ?? {});
  const dates = `${ev.event.start.slice(0, 10)} to ${ev.event.end.slice(0, 10)}`;
  const description = ev.event.description ? `<div class="description">${md.render(ev.event.description)}</div>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="eventctl">
<title>${escapeHtml(ev.event.title)} — timetable</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(ev.event.title)}</h1>
<p>${escapeHtml(dates)}${place ? ` · ${escapeHtml(place)}` : ''} · times in ${escapeHtml(zone)}</p>
${description}
</header>
<nav><div role="tablist" aria-label="Days">${tabs}</div></nav>
<main>
${days.join('\n') || '<p>Nothing is scheduled yet.</p>'}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

const CSS = `
:root{color-scheme:light;--line:#d0d4da;--ink:#1b1f24;--muted:#57606a}
*{box-sizing:border-box}
body{margin:0;font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff}
header,nav,main{padding:0 16px}
h1{font-size:1.6rem;margin:16px 0 4px}
h2{font-size:1.2rem;margin:12px 0}
h3{font-size:.95rem;margin:0 0 2px}
[role=tablist]{display:flex;gap:4px;flex-wrap:wrap;border-bottom:1px solid var(--line)}
[role=tab]{padding:8px 12px;color:var(--ink);text-decoration:none;border:1px solid transparent;
  border-bottom:none;border-radius:6px 6px 0 0}
[role=tab][aria-selected=true]{border-color:var(--line);background:#f6f8fa;font-weight:600}
[role=tab]:focus-visible,.day:focus-visible,.entry:focus-visible{outline:3px solid #0969da;outline-offset:2px}
.js .day[data-hidden]{display:none}
.grid{position:relative;margin-left:56px}
.axis{position:absolute;left:-56px;top:0;bottom:0;width:52px}
.hour{position:absolute;font-size:.8rem;color:var(--muted)}
.lanes{position:absolute;inset:0;
  background:repeating-linear-gradient(to bottom,var(--line) 0 1px,transparent 1px ${60 * PX_PER_MINUTE}px)}
.entry{position:absolute;overflow:auto;padding:4px 6px;border:1px solid #fff;border-radius:6px;
  background:var(--bg,#eef1f4);color:var(--fg,var(--ink))}
.entry a{color:inherit}
.entry.break{background:var(--bg,#f3f0e8);font-style:italic}
.meta{margin:0 0 4px;font-size:.8rem}
.children{list-style:none;margin:0;padding:0;font-size:.85rem}
.authors{color:var(--muted)}
.track{font-size:.75rem;border:1px solid var(--line);border-radius:4px;padding:0 4px;margin-left:4px}
.children li{padding:2px 0;border-top:1px solid rgba(0,0,0,.12)}
.people{opacity:.9}
.posters{list-style:none;margin:0;padding:0;display:grid;
  grid-template-columns:repeat(auto-fill,minmax(130px,1fr));gap:4px}
.poster{border:1px solid rgba(0,0,0,.2);border-radius:4px;padding:3px;font-size:.78rem;display:flex;
  flex-direction:column}
.board{font-weight:700}
.materials{font-size:.8rem;padding-left:16px;margin:4px 0 0}
.folder{opacity:.8}
.description{font-size:.8rem}.description p{margin:2px 0}
@media (max-width:700px){
  .js .day[data-hidden]{display:block}
  nav{display:none}
  .grid{margin-left:0;height:auto!important}
  .axis{display:none}
  .lanes{position:static;background:none}
  .entry{position:static;width:auto!important;height:auto!important;margin:0 0 8px}
  .posters{grid-template-columns:1fr 1fr}
}
@media print{
  nav{display:none}
  .js .day[data-hidden]{display:block}
  .day{break-after:page}
  .entry{border-color:#000}
}
`;

/** Day tabs: click or arrow keys (Home/End too); the URL's #day-… opens that day. */
const SCRIPT = `
(function(){
  document.documentElement.classList.add('js');
  var tabs=[].slice.call(document.querySelectorAll('[role=tab]'));
  function show(tab,focus){
    tabs.forEach(function(t){
      var on=t===tab;t.setAttribute('aria-selected',on);t.tabIndex=on?0:-1;
      var panel=document.getElementById(t.getAttribute('aria-controls'));
      if(panel){if(on)panel.removeAttribute('data-hidden');else panel.setAttribute('data-hidden','');}
    });
    if(focus)tab.focus();
  }
  tabs.forEach(function(t,i){
    t.addEventListener('click',function(e){
      e.preventDefault();show(t);history.replaceState(null,'',t.getAttribute('href'));
    });
    t.addEventListener('keydown',function(e){
      var n={ArrowRight:i+1,ArrowLeft:i-1,Home:0,End:tabs.length-1}[e.key];
      if(n===undefined)return;e.preventDefault();show(tabs[(n+tabs.length)%tabs.length],true);
    });
  });
  var wanted=tabs.filter(function(t){return t.getAttribute('href')===location.hash;})[0];
  if(wanted)show(wanted);
})();
`;
