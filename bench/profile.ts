import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Self time from a V8 .cpuprofile (node --cpu-prof), grouped by where the code lives and by function. */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
}

export interface ProfileShare {
  name: string;
  pct: number;
}

export interface ProfileSummary {
  byPlace: ProfileShare[];
  byFunction: ProfileShare[];
  samples: number;
  /** Inclusive share of request validation (express-validator and src/http/shape, src/http/validate). */
  validationPct?: number;
}

/** Request validation: the shape checks and express-validator under them. */
const isValidation = (url: string) =>
  url.includes('node_modules/express-validator/') ||
  url.includes('/src/http/shape/') ||
  url.endsWith('/src/http/validate.ts');

/** Samples spent inside validation, callees included (a sample counts once, however deep). */
function validationHits(profile: CpuProfile): number {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  let hits = 0;
  for (const node of profile.nodes) {
    if (!node.hitCount || node.callFrame.functionName === '(idle)') continue;
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      if (isValidation(byId.get(id)?.callFrame.url ?? '')) {
        hits += node.hitCount;
        break;
      }
    }
  }
  return hits;
}

/** `node_modules/<package>`, `src/<module>`, `node:<internal>`, or what V8 calls it (GC, idle, program). */
function placeOf(url: string, functionName: string): string {
  if (!url) return `(${functionName || 'native'})`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] ?? url;
  const src = /\/(src\/[^/]+(?:\/[^/]+)?)/.exec(url);
  if (src) return src[1] ?? url;
  if (url.startsWith('node:')) return url.split('/')[0] ?? url;
  return path.basename(url);
}

function top(map: Map<string, number>, total: number, n: number): ProfileShare[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, hits]) => ({ name, pct: (hits / total) * 100 }));
}

export function summarizeProfile(file: string, n = 12): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    const { url, functionName, lineNumber } = node.callFrame;
    if (functionName === '(idle)') continue;
    total += hits;
    const place = placeOf(url, functionName);
    byPlace.set(place, (byPlace.get(place) ?? 0) + hits);
    const fn = `${functionName || '(anonymous)'} ${url ? `${place}:${lineNumber + 1}` : ''}`.trim();
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + hits);
  }
  return {
    byPlace: top(byPlace, total, n),
    byFunction: top(byFunction, total, n),
    samples: total,
    validationPct: total === 0 ? 0 : (validationHits(profile) / total) * 100,
  };
}
