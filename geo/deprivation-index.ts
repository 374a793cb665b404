/**
 * The editions of the English Indices of Deprivation a definition or a loaded file can name, each on the LSOAs
 * of its own vintage: IoD 2025 (MHCLG, 30 October 2025, the current index) on 2021 LSOAs (33,755); IoD 2019 on
 * 2011 LSOAs (32,844). A postcode is read against an index by the LSOA of that index's vintage, never the other.
 */
export const DEPRIVATION_INDEXES = {
  IoD2025: { title: "IoD 2025", lsoaVintage: 2021 },
  IoD2019: { title: "IoD 2019", lsoaVintage: 2011 },
} as const;

export type DeprivationIndex = keyof typeof DEPRIVATION_INDEXES;

/** The current index: what figures say "most deprived" by. */
export const CURRENT_DEPRIVATION_INDEX: DeprivationIndex = "IoD2025";

export function isDeprivationIndex(value: unknown): value is DeprivationIndex {
  return typeof value === "string" && Object.hasOwn(DEPRIVATION_INDEXES, value);
}

/** The domains of the indices (2019 and 2025 alike), by the words their published headings begin with. */
export const DEPRIVATION_DOMAINS = {
  imd: "Index of Multiple Deprivation (IMD)",
  income: "Income",
  employment: "Employment",
  education: "Education, Skills and Training",
  health: "Health Deprivation and Disability",
  crime: "Crime",
  barriers: "Barriers to Housing and Services",
  "living-environment": "Living Environment",
} as const;

export type DeprivationDomain = keyof typeof DEPRIVATION_DOMAINS;

export function isDeprivationDomain(value: unknown): value is DeprivationDomain {
  return typeof value === "string" && Object.hasOwn(DEPRIVATION_DOMAINS, value);
}

/** The warehouse column (and loader field) of a domain's decile: `health_decile`, `living_environment_decile`. */
export function deprivationColumn(domain: DeprivationDomain): string {
  return `${domain.replace("-", "_")}_decile`;
}
