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
