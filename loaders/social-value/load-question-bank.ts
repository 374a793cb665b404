import { parseCodeList } from "./parse-social-value-cells.js";
import { insertRows, readTableRows, type SocialValueTableLoader, writeTableQuarantine } from "./read-social-value-table.js";
import { QUESTION_BANK_FIELDS } from "./social-value-fields.js";

/** The five themes of the UK Social Value Model (PPN 06/20), by number, for banks that give the number only. */
export const SOCIAL_VALUE_MODEL_THEMES: Readonly<Record<string, string>> = {
  "1": "COVID-19 recovery",
  "2": "Tackling economic inequality",
  "3": "Fighting climate change",
  "4": "Equal opportunity",
  "5": "Wellbeing",
};

/**
 * The climate change theme, which NHS procurement must include in every tender ("Fighting climate change" in
 * the Social Value Model; banks also write it as net zero).
 */
export function isClimateTheme(theme: string): boolean {
  return /climate|net[\s-]*zero/i.test(theme);
}

interface BankQuestion {
  question_id: string;
  question: string;
  theme: string;
  is_climate: boolean;
  policy_outcome: string | null;
  measure_codes: string[];
  row_number: number;
}

/**
 * Loads a question bank: the social value questions an institution (or, outside any institution's folder,
 * every institution) may adopt in tenders. A question id loaded again replaces the earlier wording, which
 * stays marked as superseded.
 */
export const loadQuestionBank: SocialValueTableLoader = async (warehouse, sheetTable, path, fileId, institutionId) => {
  const seen = new Map<string, number>();
  const table = readTableRows(sheetTable, QUESTION_BANK_FIELDS, path, "question bank", (row): BankQuestion | null => {
    const questionId = row.text("question_id");
    const question = row.text("question");
    const written = row.text("theme");
    if (questionId === "") row.problem("question_id", "", "missing-value", "the question id is empty");
    if (question === "") row.problem("question", "", "missing-value", "the question text is empty");
    if (written === "") row.problem("theme", "", "missing-value", `the theme is empty (expected a Social Value Model theme, e.g. ${Object.values(SOCIAL_VALUE_MODEL_THEMES).join(", ")})`);
    const earlier = seen.get(questionId.toUpperCase());
    if (questionId !== "" && earlier !== undefined) row.problem("question_id", questionId, "duplicate-key", `question id "${questionId}" is also on row ${earlier}`);
    else if (questionId !== "") seen.set(questionId.toUpperCase(), row.rowNumber);
    const theme = SOCIAL_VALUE_MODEL_THEMES[written] ?? written;
    return {
      question_id: questionId, question, theme, is_climate: isClimateTheme(theme),
      policy_outcome: row.text("policy_outcome") || null, measure_codes: parseCodeList(row.text("measure_codes")), row_number: row.rowNumber,
    };
  });
  await warehouse.run(
    `UPDATE sv_questions SET superseded_by = ?
     WHERE superseded_by IS NULL AND institution_id IS NOT DISTINCT FROM ? AND question_id IN (SELECT unnest(from_json(?, '["VARCHAR"]')))`,
    [fileId, institutionId, JSON.stringify(table.accepted.map((question) => question.question_id))],
  );
  await insertRows(warehouse, "sv_questions",
    { institution_id: "VARCHAR", question_id: "VARCHAR", question: "VARCHAR", theme: "VARCHAR", is_climate: "BOOLEAN", policy_outcome: "VARCHAR",
      measure_codes: "VARCHAR[]", file_id: "INTEGER", row_number: "INTEGER" },
    table.accepted.map((question) => ({ ...question, institution_id: institutionId, file_id: fileId })));
  await writeTableQuarantine(warehouse, fileId, path, sheetTable, table.quarantined);
  return { rowsRead: table.rowsRead, rowsLoaded: table.accepted.length, rowsQuarantined: table.rowsQuarantined };
};
