import { formatShare, formatTable } from "../core/format-table.js";
import type { Warehouse } from "../warehouse/warehouse.js";
import { periodFigures, spendPeriods } from "./spend-figures.js";

/** The kinds of public body recognised (loaders/schema/public-bodies.ts), as the report and the pages name them. */
export const PUBLIC_BODY_KIND_LABELS: Record<string, string> = {
  "nhs-trust": "NHS trusts",
  ccg: "CCGs",
  icb: "ICBs and sub-ICB locations",
  council: "councils",
  "combined-authority": "combined authorities",
  hmrc: "HMRC",
};

/** One definition's local share beside its local share of influenceable spend (null unless it sets excludePublicBodies). */
export interface DefinitionInfluenceable {
  /** "id vN". */
  definition: string;
  name: string;
  excludesPublicBodies: boolean;
  localShare: number | null;
  influenceable: number | null;
  localInfluenceable: number | null;
  localInfluenceableShare: number | null;
}

/** An institution's spend with public bodies over the whole period of its spend (the same under every definition). */
export interface InstitutionPublicBodySpend {
  institution: string;
  name: string;
  /** The period's label ("Financial year 2024/25 (April 2024 to March 2025)"). */
  period: string;
  spend: number;
  publicBodies: number;
  publicBodiesShare: number | null;
  /** By kind of public body, largest spend first: its label, suppliers paid and their spend (pounds, a double). */
  byKind: { kind: string; label: string; suppliers: number; spend: number }[];
  definitions: DefinitionInfluenceable[];
}

/**
 * Each institution's spend with public bodies, its share, by kind, and under each definition the local share
 * beside the local share of influenceable spend, over the whole period of its spend: the figures are the site's
 * (src/model/spend-figures.ts, periodFigures of the whole period); only the split by kind is summed here.
 */
export async function publicBodySpend(warehouse: Warehouse): Promise<InstitutionPublicBodySpend[]> {
  const whole = (await spendPeriods(warehouse)).filter((period) => period.whole);
  const figures = await periodFigures(warehouse, whole);
  const names = new Map((await warehouse.all<{ id: string; name: string }>("SELECT institution_id AS id, name FROM institutions")).map((row) => [row.id, row.name]));
  const definitions = await warehouse.all<{ key: string; name: string; excludes: boolean; institution: string | null }>(
    `SELECT definition_id || ' v' || version AS key, name, coalesce(excludes_public_bodies, false) AS excludes, institution_id AS institution FROM local_definitions`,
  );
  const kinds = await warehouse.all<{ institution: string; kind: string; suppliers: number; spend: number }>(
    `SELECT sp.institution_id AS institution, pb.kind, count(DISTINCT sp.supplier_id)::INTEGER AS suppliers, sum(sp.amount)::DOUBLE AS spend
     FROM current_spend sp JOIN int_supplier_public_bodies pb USING (supplier_id)
     GROUP BY ALL ORDER BY institution, spend DESC, kind`,
  );
  return whole.map((period) => {
    const rows = figures.filter((f) => f.institution === period.institution && f.period === period.id);
    const first = rows[0]!;
    return {
      institution: period.institution,
      name: names.get(period.institution) ?? period.institution,
      period: period.label,
      spend: first.spend,
      publicBodies: first.publicBodies,
      publicBodiesShare: first.publicBodiesShare,
      byKind: kinds.filter((k) => k.institution === period.institution)
        .map(({ kind, suppliers, spend }) => ({ kind, label: PUBLIC_BODY_KIND_LABELS[kind] ?? kind, suppliers, spend })),
      definitions: rows.filter((f) => f.definition !== null).map((f) => {
        const definition = definitions.find((d) => d.key === f.definition && (d.institution === null || d.institution === period.institution));
        return {
          definition: f.definition!,
          name: definition?.name ?? f.definition!,
          excludesPublicBodies: definition?.excludes ?? false,
          localShare: f.localShare,
          influenceable: f.influenceable,
          localInfluenceable: f.localInfluenceable,
          localInfluenceableShare: f.localInfluenceableShare,
        };
      }),
    };
  });
}

const pounds = (value: number) => `£${value.toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** The report's text: spend with public bodies per institution, then the two local shares of each definition that leaves them out. */
export function formatPublicBodySpend(entries: readonly InstitutionPublicBodySpend[]): string {
  if (entries.length === 0) return "No spend loaded.";
  const spend = formatTable(
    ["institution", "period", "spend", "with public bodies", "share", "by kind"],
    entries.map((e) => [e.institution, e.period, pounds(e.spend), pounds(e.publicBodies), formatShare(e.publicBodiesShare),
      e.byKind.map((k) => `${k.label} ${pounds(k.spend)} (${k.suppliers})`).join("; ") || "none recognised"]),
    [2, 3, 4],
  );
  const leaving = entries.flatMap((e) => e.definitions.filter((d) => d.excludesPublicBodies).map((d) => [e.institution, d.definition,
    formatShare(d.localShare), formatShare(d.localInfluenceableShare), d.influenceable === null ? "–" : pounds(d.influenceable)]));
  const shares = leaving.length === 0
    ? "No definition leaves public bodies out of influenceable spend (excludePublicBodies): the local share is of all spend."
    : formatTable(["institution", "definition", "local share (of all spend)", "local share of influenceable spend", "influenceable spend"], leaving, [2, 3, 4]);
  return `${spend}\n\nLocal share of influenceable spend (public bodies left out of both sides, as CLES measures it), beside the local share of all spend:\n${shares}`;
}
