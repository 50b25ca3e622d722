// Plain "YYYY-MM-DD" date helpers in local time (the advisor's calendar day).

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Today as "YYYY-MM-DD" in local time. */
export function todayIso(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Adds calendar months, clamping the day to the month's end (like chrono's checked_add_months). */
export function addMonthsIso(iso: string, months: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const y = Number(m[1]);
  const mo = Number(m[2]) - 1 + months;
  const d = Number(m[3]);
  const ty = y + Math.floor(mo / 12);
  const tm = ((mo % 12) + 12) % 12;
  const last = new Date(ty, tm + 1, 0).getDate();
  return `${ty}-${pad(tm + 1)}-${pad(Math.min(d, last))}`;
}

/** The year and month (1-12) of today, or shifted by `delta` months. */
export function yearMonth(delta = 0, now: Date = new Date()): { year: number; month: number } {
  const total = now.getFullYear() * 12 + now.getMonth() + delta;
  return { year: Math.floor(total / 12), month: (total % 12) + 1 };
}

/** Shifts a year/month by `delta` months. */
export function shiftMonth(year: number, month: number, delta: number): { year: number; month: number } {
  const total = year * 12 + (month - 1) + delta;
  return { year: Math.floor(total / 12), month: (total % 12) + 1 };
}

/** Whether an ISO date lies in the given year and month. */
export function inMonth(iso: string, year: number, month: number): boolean {
  return iso.startsWith(`${year}-${pad(month)}-`);
}

/** Whole days from `from` to `to` (both "YYYY-MM-DD"); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const f = /^(\d{4})-(\d{2})-(\d{2})$/.exec(from);
  const t = /^(\d{4})-(\d{2})-(\d{2})$/.exec(to);
  if (!f || !t) return 0;
  const a = Date.UTC(Number(f[1]), Number(f[2]) - 1, Number(f[3]));
  const b = Date.UTC(Number(t[1]), Number(t[2]) - 1, Number(t[3]));
  return Math.round((b - a) / 86_400_000);
}

/** Adds `days` calendar days (negative: earlier) to "YYYY-MM-DD". */
export function addDaysIso(iso: string, days: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}
