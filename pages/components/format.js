// Number formats shared by the pages and charts (en-GB, pounds).
const poundsFormat = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 });
const compactFormat = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", notation: "compact", maximumFractionDigits: 1 });
const percentFormat = new Intl.NumberFormat("en-GB", { style: "percent", maximumFractionDigits: 1 });
const monthFormat = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
const dayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

export const formatPounds = (value) => (value == null ? "–" : poundsFormat.format(value));
export const formatPoundsCompact = (value) => (value == null ? "–" : compactFormat.format(value));
export const formatPercent = (value) => (value == null ? "–" : percentFormat.format(value));
export const formatMonth = (isoMonth) => monthFormat.format(new Date(`${isoMonth}-01T00:00:00Z`));
export const formatDay = (isoDate) => dayFormat.format(new Date(`${isoDate}T00:00:00Z`));
export const formatPeriod = ({ from, to }) => `${formatDay(from)} to ${formatDay(to)}`;

/** "Our seven local authorities (own-local-authorities v1, registered address)": how every figure names its definition. */
export const formatDefinition = (definition) => `${definition.name} (${definition.id} v${definition.version}, ${definition.basis} address)`;

/** Colour-blind-safe classes (Okabe–Ito): local blue, non-local orange, unlocated grey. */
export const LOCALITY_CLASSES = ["local", "non_local", "unlocated"];
export const LOCALITY_LABELS = { local: "Local", non_local: "Not local", unlocated: "Unlocated" };
export const LOCALITY_COLOURS = ["#0072B2", "#E69F00", "#8C8C8C"];

/** Units as people write them. */
const UNIT_LABELS = { gbp: "£", hours: "hours", kwh: "kWh", people: "people", tco2e: "tonnes CO2e", weeks: "weeks" };
export const unitLabel = (unit) => (unit == null ? "" : UNIT_LABELS[unit] ?? unit);

/** A code written for machines ("co-design-session", "non_local", "nhs-trust") as words ("Co-design session", "Not local", "NHS trust"). */
export const codeLabel = (code) => {
  if (code == null || code === "") return "";
  if (LOCALITY_LABELS[code]) return LOCALITY_LABELS[code];
  const words = String(code).replace(/[_-]+/g, " ").trim().replace(/\b(nhs|icb|sme|vcse|lsoa|iod)\b/gi, (acronym) => acronym.toUpperCase());
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** How a supplier's postcode was placed (unit, sector, district, none), in words. */
const PRECISION_LABELS = { unit: "Its own postcode", sector: "Its postcode sector's centre", district: "Its postcode district's centre", none: "Not placed" };
export const precisionLabel = (precision) => PRECISION_LABELS[precision ?? "none"] ?? codeLabel(precision);

/** Yes, No or Not known for a flag. */
export const yesNo = (flag) => (flag == null ? "Not known" : flag ? "Yes" : "No");

/** A count with its noun: "1 supplier", "37 suppliers". */
export const count = (n, one, many = `${one}s`) => `${Number(n).toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/** Exact values for downloads: pounds to the penny, shares to 4 decimal places (no float noise). */
export const exactPounds = (value) => (value == null ? null : Math.round(value * 100) / 100);
export const exactShare = (value) => (value == null ? null : Math.round(value * 10000) / 10000);
