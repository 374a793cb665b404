/**
 * Whether a payee's name looks like one or more private individuals' names rather than an organisation's:
 * a data-quality finding (published files should withhold individuals), and what `withholdIndividuals` hides.
 * Conservative (measured on the real spend files in README "Reliability"): a name is flagged only when every part
 * of it (parts joined by "&" or AND) is a person, and no word of it is an organisation's word:
 *   - a title (Mr, Mrs, Ms, Miss, Mx, Dr, Prof, Rev, Sir, Dame) then one to four name words (initials allowed),
 *     post-nominals (QC, CBE…) and a bracketed note ignored: "Mr John Smith", "DR P C MEHTA & DR S P MEHTA";
 *   - one to three initials then one surname: "J A Smith", "C EVBUOMWAN"; or "SURNAME, J";
 *   - a sole trader's own name before "T/A" (trading as): "MR G SINGH T/A G S BUILDERS".
 * Never flagged: a name with LTD, PLC, PARTNERS, SURGERY, SERVICES, BUILDERS… (ORGANISATION_WORDS), a London
 * borough written "L B Camden", and the few well-known companies named like a person (WELL_KNOWN_COMPANIES).
 */
export function looksLikeIndividual(name: string): boolean {
  // Quotes around a nickname dropped (Mr "Johnny" Smith), curly apostrophes as plain ones.
  const upper = name.normalize("NFKC").toUpperCase().replace(/["“”]/g, " ").replace(/[’`]/g, "'");
  const named = upper.split(/\bT\s*\/\s*AS?\b|\bTRADING AS\b/)[0]!;
  // An organisation's word anywhere before "T/A", a bracketed note's too ("S L CRABTREE (PARTNERSHIP)").
  if (named.split(/[^\p{L}]+/u).some((word) => ORGANISATION_WORDS.has(word))) return false;
  const person = named.replace(/\([^)]*\)/g, " ");
  const words = person.replace(/\./g, " ").split(/[\s,]+/).filter(Boolean);
  if (words.length === 0) return false;
  if (WELL_KNOWN_COMPANIES.has(words.join(" "))) return false;
  if (/^\s*[\p{L}'-]{2,}\s*,\s*(\p{L}\s*){1,3}$/u.test(person.replace(/\./g, " "))) return true; // SURNAME, J
  const parts = words.join(" ").split(/ (?:&|AND) /).map((part) => part.split(" ").filter((word) => !POST_NOMINALS.has(word)));
  return parts.every(isPersonName);
}

function isPersonName(words: readonly string[]): boolean {
  if (words.length === 0 || !words.every((word) => NAME_WORD.test(word))) return false;
  if (TITLES.has(words[0]!)) return words.length >= 2 && words.length <= 5;
  // Initials then a surname: "J SMITH", "J A SMITH" (not "L B HACKNEY", a London borough).
  const initials = words.slice(0, -1);
  if (initials.length < 1 || initials.length > 3 || !initials.every((word) => word.length === 1)) return false;
  if (initials.join(" ") === "L B") return false;
  return words[words.length - 1]!.length >= 2;
}

const NAME_WORD = /^\p{L}[\p{L}'-]*$/u;
const TITLES = new Set(["MR", "MRS", "MS", "MISS", "MX", "DR", "DOCTOR", "PROF", "PROFESSOR", "REV", "REVD", "SIR", "DAME"]);
const POST_NOMINALS = new Set(["QC", "KC", "CBE", "OBE", "MBE", "BEM", "JP", "MP", "PHD", "ESQ", "JNR", "JR", "SNR", "SR", "FRCS", "FRCP", "MRCGP"]);
/** Words of organisations (legal forms, partnerships, practices, trades), as written in published spend. */
const ORGANISATION_WORDS = new Set([
  "LTD", "LIMITED", "PLC", "LLP", "LLC", "INC", "CO", "COMPANY", "CIC", "CIO", "CORP", "CORPORATION", "GMBH", "BV", "SA", "AG",
  "UK", "GB", "INTERNATIONAL", "GROUP", "HOLDINGS", "TRUST", "FOUNDATION", "CHARITY", "SOCIETY", "ASSOCIATION", "ASSOCIATES",
  "PARTNER", "PARTNERS", "PTNR", "PTNRS", "PARTNERSHIP", "PRACTICE", "SURGERY", "CLINIC", "MEDICAL", "HEALTH", "HEALTHCARE",
  "PHARMACY", "CHEMIST", "CHEMISTS", "DENTAL", "CENTRE", "CENTER", "HOSPITAL", "SOLICITORS", "SOLICITOR", "ACCOUNTANTS", "COUNCIL",
  "BOROUGH", "MBC", "UNIVERSITY", "COLLEGE", "SCHOOL", "ACADEMY", "NURSERY", "CHURCH", "CLUB", "SONS", "BROS", "BROTHERS",
  "SERVICES", "SERVICE", "SOLUTIONS", "SYSTEMS", "SUPPLIES", "SUPPLY", "CONSULTING", "CONSULTANCY", "CONSULTANTS", "TRAINING",
  "EDUCATION", "CARE", "HOMES", "HOME", "HOUSING", "TRAVEL", "TRANSPORT", "TAXIS", "TAXI", "CARS", "COACHES", "MOTORS", "GARAGE",
  "BUILDERS", "BUILDING", "CONSTRUCTION", "PLASTERING", "PLUMBING", "HEATING", "ELECTRICAL", "ELECTRICS", "ROOFING",
  "DECORATING", "JOINERY", "LANDSCAPES", "LANDSCAPING", "GARDENS", "CLEANING", "CATERING", "FOODS", "DESIGN", "MEDIA", "PRINT",
  "PRINTING", "STUDIO", "STUDIOS", "PRODUCTIONS", "ENTERPRISES", "VENTURES", "FUTURES", "FACTORS", "PROPERTIES", "ESTATES",
  "INVESTMENTS", "FINANCE", "INSURANCE", "LEGAL", "LAW", "CHAMBERS", "ARCHITECTS", "ENGINEERING", "ENGINEERS", "TECHNOLOGY",
  "TECHNOLOGIES", "SOFTWARE", "DIGITAL", "NETWORKS", "ENERGY", "POWER", "WATER", "SECURITY", "RECRUITMENT", "STAFFING",
  "AGENCY", "LOCUMS", "FUND", "NHS", "ICB", "CCG", "OF", "THE", "FOR",
]);
/** Companies whose names read as a person's (WH Smith, J Sainsbury…): the ones a spend file may print bare. */
const WELL_KNOWN_COMPANIES = new Set(["W H SMITH", "WH SMITH", "J SAINSBURY", "B BRAUN", "DR MARTENS", "MR KIPLING", "J D WETHERSPOON", "JD WETHERSPOON", "T K MAXX", "TK MAXX", "M J GLEESON", "J MURPHY"]);
