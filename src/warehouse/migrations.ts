/**
 * The warehouse schema as an ordered list of migrations. A migration is never edited once shipped:
 * change the schema by appending one. `schema_version` records which have been applied.
 * Migrations hold tables only; derived views are in views.ts, this code's on every open (versions 2 and 4
 * once created the staging views; a warehouse made then has them replaced on its next open).
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: "spine: institutions, files, spend, suppliers, postcodes, definitions, locality, quarantine",
    sql: `
      CREATE TABLE institutions (
        institution_id VARCHAR PRIMARY KEY,
        name VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        ods_code VARCHAR,
        is_demo BOOLEAN NOT NULL,
        note VARCHAR
      );
      CREATE SEQUENCE source_file_ids START 1;
      CREATE TABLE source_files (
        file_id INTEGER PRIMARY KEY,
        path VARCHAR NOT NULL,
        sha256 VARCHAR NOT NULL UNIQUE,
        kind VARCHAR NOT NULL,
        institution_id VARCHAR,
        rows_read INTEGER NOT NULL,
        rows_loaded INTEGER NOT NULL,
        rows_quarantined INTEGER NOT NULL,
        amount_loaded DECIMAL(18, 2),
        first_date DATE,
        last_date DATE,
        loaded_at TIMESTAMPTZ NOT NULL,
        CHECK (rows_read = rows_loaded + rows_quarantined)
      );
      CREATE TABLE suppliers (
        supplier_id VARCHAR PRIMARY KEY,
        name VARCHAR NOT NULL,
        name_key VARCHAR NOT NULL,
        postcode VARCHAR,
        company_number VARCHAR,
        is_sme BOOLEAN,
        is_vcse BOOLEAN,
        is_redacted BOOLEAN NOT NULL
      );
      CREATE TABLE spend (
        file_id INTEGER NOT NULL,
        row_number INTEGER NOT NULL,
        institution_id VARCHAR NOT NULL,
        payment_date DATE NOT NULL,
        amount DECIMAL(18, 2) NOT NULL,
        supplier_id VARCHAR NOT NULL,
        expense_type VARCHAR,
        expense_area VARCHAR,
        transaction_number VARCHAR,
        is_redacted BOOLEAN NOT NULL
      );
      CREATE TABLE postcodes (
        postcode VARCHAR NOT NULL,
        latitude DOUBLE,
        longitude DOUBLE,
        lad_code VARCHAR,
        lsoa_code VARCHAR,
        icb_code VARCHAR,
        imd_decile TINYINT,
        terminated BOOLEAN NOT NULL,
        file_id INTEGER NOT NULL
      );
      CREATE TABLE local_definitions (
        definition_id VARCHAR NOT NULL,
        version INTEGER NOT NULL,
        name VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        basis VARCHAR NOT NULL,
        codes VARCHAR[] NOT NULL,
        description VARCHAR NOT NULL,
        is_headline BOOLEAN NOT NULL,
        institution_id VARCHAR,
        file_id INTEGER NOT NULL,
        PRIMARY KEY (definition_id, version)
      );
      CREATE TABLE supplier_locality (
        supplier_id VARCHAR NOT NULL,
        definition_id VARCHAR NOT NULL,
        version INTEGER NOT NULL,
        status VARCHAR NOT NULL CHECK (status IN ('local', 'non_local', 'unlocated')),
        reason VARCHAR NOT NULL
      );
      CREATE TABLE quarantine (
        file_id INTEGER NOT NULL,
        path VARCHAR NOT NULL,
        row_number INTEGER NOT NULL,
        column_name VARCHAR,
        raw_value VARCHAR,
        reason VARCHAR NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: "spend as published: sheets, VAT basis, and re-issued files",
    sql: `
      ALTER TABLE source_files ADD COLUMN vat_basis VARCHAR;
      ALTER TABLE source_files ADD COLUMN sheets VARCHAR[];
      -- A re-issued file replaces an earlier one (see loaders/spend/supersede-files.ts); the earlier file stays, for audit.
      ALTER TABLE source_files ADD COLUMN superseded_by INTEGER;
      ALTER TABLE spend ADD COLUMN sheet VARCHAR;
      ALTER TABLE quarantine ADD COLUMN sheet VARCHAR;
    `,
  },
  {
    version: 3,
    name: "postcode geography: areas, deprivation, authority to ICB, supplier locations, definitions of every kind",
    sql: `
      ALTER TABLE postcodes ADD COLUMN precision VARCHAR DEFAULT 'unit';
      -- Sector and district centroids: where a unit postcode is not in any loaded directory.
      CREATE TABLE postcode_areas (
        code VARCHAR NOT NULL,
        level VARCHAR NOT NULL CHECK (level IN ('sector', 'district')),
        latitude DOUBLE NOT NULL,
        longitude DOUBLE NOT NULL,
        lad_code VARCHAR,
        lad_share DOUBLE,
        file_id INTEGER NOT NULL
      );
      CREATE TABLE deprivation (
        lsoa_code VARCHAR NOT NULL,
        imd_rank INTEGER,
        imd_decile TINYINT NOT NULL,
        file_id INTEGER NOT NULL
      );
      CREATE TABLE authority_icb (
        lad_code VARCHAR NOT NULL,
        icb_code VARCHAR NOT NULL,
        share DOUBLE NOT NULL,
        file_id INTEGER NOT NULL
      );
      -- A supplier may have several locations: registered office, trading address, delivery sites.
      CREATE TABLE supplier_locations (
        supplier_id VARCHAR NOT NULL,
        basis VARCHAR NOT NULL CHECK (basis IN ('registered', 'trading', 'delivery')),
        postcode_as_given VARCHAR NOT NULL,
        file_id INTEGER NOT NULL
      );
      INSERT INTO supplier_locations
        SELECT supplier_id, 'registered', postcode, 0 FROM suppliers WHERE postcode IS NOT NULL;
      -- The full definition as loaded (kinds with parameters, unions; polygons with their GeoJSON embedded).
      ALTER TABLE local_definitions ADD COLUMN spec VARCHAR;
      ALTER TABLE supplier_locality ADD COLUMN precision VARCHAR;
      ALTER TABLE supplier_locality ADD COLUMN postcode VARCHAR;
      -- Every postcode a supplier location names, as resolved: unit, sector, district or none.
      CREATE TABLE located_postcodes (
        postcode_as_given VARCHAR NOT NULL,
        postcode VARCHAR,
        sector VARCHAR,
        district VARCHAR,
        precision VARCHAR NOT NULL CHECK (precision IN ('unit', 'sector', 'district', 'none')),
        latitude DOUBLE,
        longitude DOUBLE,
        lad_code VARCHAR,
        icb_code VARCHAR,
        lsoa_code VARCHAR,
        imd_decile TINYINT,
        terminated BOOLEAN NOT NULL,
        reason VARCHAR NOT NULL
      );
      CREATE TABLE postcode_locality (
        postcode_as_given VARCHAR NOT NULL,
        definition_id VARCHAR NOT NULL,
        version INTEGER NOT NULL,
        is_local BOOLEAN NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: "social value: priorities framework, question bank, contracts, supplier returns, engagement, proxy values",
    sql: `
      -- A priorities framework per institution (priorities.json); a newer framework supersedes the older one.
      CREATE TABLE sv_frameworks (
        institution_id VARCHAR NOT NULL,
        name VARCHAR NOT NULL,
        max_priorities INTEGER NOT NULL,
        minimum_weighting_percent DOUBLE NOT NULL,
        reporting_frequency VARCHAR NOT NULL CHECK (reporting_frequency IN ('monthly', 'quarterly', 'annual', 'none')),
        staff_cost_share DOUBLE,
        file_id INTEGER NOT NULL,
        superseded_by INTEGER
      );
      CREATE TABLE sv_priorities (
        institution_id VARCHAR NOT NULL,
        priority_code VARCHAR NOT NULL,
        name VARCHAR NOT NULL,
        business_priority VARCHAR NOT NULL,
        theme VARCHAR,
        position INTEGER NOT NULL,
        file_id INTEGER NOT NULL,
        superseded_by INTEGER
      );
      CREATE TABLE sv_measures (
        institution_id VARCHAR NOT NULL,
        measure_code VARCHAR NOT NULL,
        priority_code VARCHAR NOT NULL,
        name VARCHAR NOT NULL,
        unit VARCHAR NOT NULL,
        direction VARCHAR NOT NULL CHECK (direction IN ('higher', 'lower')),
        file_id INTEGER NOT NULL,
        superseded_by INTEGER
      );
      -- £ per unit of a measure, with its source and year: from a framework, or from a proxy-value table
      -- (which wins). institution_id NULL: a table loaded outside any institution's folder, for all.
      CREATE TABLE sv_proxy_values (
        institution_id VARCHAR,
        measure_code VARCHAR NOT NULL,
        value_per_unit DOUBLE NOT NULL,
        source VARCHAR NOT NULL,
        year INTEGER NOT NULL,
        origin VARCHAR NOT NULL CHECK (origin IN ('framework', 'table')),
        file_id INTEGER NOT NULL,
        row_number INTEGER,
        superseded_by INTEGER
      );
      CREATE TABLE sv_questions (
        institution_id VARCHAR,
        question_id VARCHAR NOT NULL,
        question VARCHAR NOT NULL,
        theme VARCHAR NOT NULL,
        is_climate BOOLEAN NOT NULL,
        policy_outcome VARCHAR,
        measure_codes VARCHAR[] NOT NULL,
        file_id INTEGER NOT NULL,
        row_number INTEGER NOT NULL,
        superseded_by INTEGER
      );
      CREATE TABLE sv_contracts (
        file_id INTEGER NOT NULL,
        row_number INTEGER NOT NULL,
        institution_id VARCHAR NOT NULL,
        contract_id VARCHAR NOT NULL,
        supplier_id VARCHAR NOT NULL,
        supplier_name VARCHAR NOT NULL,
        title VARCHAR,
        category VARCHAR,
        value DECIMAL(18, 2) NOT NULL,
        start_date DATE NOT NULL,
        end_date DATE NOT NULL,
        weighting_percent DOUBLE,
        reporting_frequency VARCHAR CHECK (reporting_frequency IN ('monthly', 'quarterly', 'annual', 'none')),
        question_ids VARCHAR[] NOT NULL,
        superseded_by INTEGER
      );
      -- Which priorities each adopted question serves, as the register says (codes as written).
      CREATE TABLE sv_question_priorities (
        file_id INTEGER NOT NULL,
        row_number INTEGER NOT NULL,
        question_id VARCHAR NOT NULL,
        priority_code VARCHAR NOT NULL
      );
      CREATE TABLE sv_returns (
        file_id INTEGER NOT NULL,
        row_number INTEGER NOT NULL,
        institution_id VARCHAR,
        contract_id VARCHAR NOT NULL,
        supplier_id VARCHAR,
        supplier_name VARCHAR,
        period_label VARCHAR NOT NULL,
        period_start DATE NOT NULL,
        period_end DATE NOT NULL,
        measure_code VARCHAR NOT NULL,
        committed DOUBLE,
        delivered DOUBLE,
        delivery_postcode VARCHAR,
        evidence_reference VARCHAR,
        notes VARCHAR,
        superseded_by INTEGER
      );
      -- Local Multiplier 3 inputs a supplier reports for a contract and period (fractions 0–1).
      CREATE TABLE sv_return_shares (
        file_id INTEGER NOT NULL,
        row_number INTEGER NOT NULL,
        institution_id VARCHAR,
        contract_id VARCHAR NOT NULL,
        period_start DATE NOT NULL,
        period_end DATE NOT NULL,
        local_respend_share DOUBLE,
        local_staff_share DOUBLE,
        staff_cost_share DOUBLE,
        superseded_by INTEGER
      );
      CREATE TABLE sv_engagement (
        file_id INTEGER NOT NULL,
        row_number INTEGER NOT NULL,
        institution_id VARCHAR NOT NULL,
        event_date DATE NOT NULL,
        kind VARCHAR NOT NULL CHECK (kind IN ('market-engagement-event', 'supplier-briefing', 'service-user-panel', 'co-design-session')),
        title VARCHAR,
        contract_ids VARCHAR[] NOT NULL,
        priority_codes VARCHAR[] NOT NULL,
        attendees INTEGER NOT NULL,
        service_users INTEGER,
        local_suppliers INTEGER,
        superseded_by INTEGER
      );
    `,
  },
  {
    version: 5,
    name: "imported locality: suppliers' classes as a partner's export gives them",
    sql: `
      -- A partner's public export carries each supplier's class under each definition instead of its postcodes;
      -- it stands for suppliers the warehouse cannot place itself.
      CREATE TABLE imported_locality (
        supplier_id VARCHAR NOT NULL,
        definition_id VARCHAR NOT NULL,
        version INTEGER NOT NULL,
        status VARCHAR NOT NULL CHECK (status IN ('local', 'non_local', 'unlocated')),
        precision VARCHAR,
        file_id INTEGER NOT NULL
      );
    `,
  },
  {
    version: 6,
    name: "problem codes: quarantine and locality reasons carry a stable code beside their words",
    sql: `
      -- What is wrong, as a code (src/core/problem-codes.ts); the reason stays, in words, for the partner.
      ALTER TABLE quarantine ADD COLUMN code VARCHAR;
      -- Rows quarantined before codes existed: their code, once, from the words of that time.
      UPDATE quarantine SET code = CASE
        WHEN reason LIKE '%is not a date%' THEN 'not-a-date'
        WHEN reason LIKE '%is not an amount%' THEN 'not-an-amount'
        WHEN reason LIKE '%supplier name is empty%' THEN 'empty-supplier-name'
        WHEN reason LIKE 'not spend: a repeated heading%' THEN 'not-spend-heading'
        WHEN reason LIKE 'not spend: a totals line%' THEN 'not-spend-totals'
        WHEN reason LIKE 'not spend: a note line%' THEN 'not-spend-note'
        WHEN reason LIKE '%not a UK unit postcode%' OR reason LIKE '%is not a UK postcode%' THEN 'not-a-postcode'
        WHEN reason LIKE 'not a yes/no flag%' THEN 'not-a-flag'
        WHEN reason LIKE 'same supplier as an earlier row%' THEN 'duplicate-supplier'
        WHEN reason LIKE '%appears in an earlier row%' OR reason LIKE '%appears earlier in the same file%' THEN 'duplicate-key'
        WHEN reason LIKE 'latitude%outside the UK%' THEN 'outside-the-uk'
        WHEN reason LIKE 'no ICB for this authority%' THEN 'no-icb'
        WHEN reason LIKE 'not used: this authority is split%' THEN 'split-authority'
        WHEN reason LIKE 'not an LSOA code%' THEN 'not-an-lsoa-code'
        WHEN reason LIKE 'not a decile%' THEN 'not-a-decile'
        WHEN reason LIKE '%is not a quantity%' THEN 'not-a-quantity'
        ELSE 'unclassified' END;
      -- How a supplier was (or was not) classified, as a code: local, not-local, redacted-payee, no-postcode,
      -- not-placed, definition-not-applicable, imported (src/model/refresh-locality.ts).
      ALTER TABLE supplier_locality ADD COLUMN reason_code VARCHAR;
      UPDATE supplier_locality SET reason_code = CASE
        WHEN reason LIKE 'redacted payee%' THEN 'redacted-payee'
        WHEN reason LIKE 'local by %' THEN 'local'
        WHEN reason LIKE 'not local: %' THEN 'not-local'
        WHEN reason LIKE 'no postcode on the %' THEN 'no-postcode'
        WHEN reason LIKE 'this definition cannot be applied%' THEN 'definition-not-applicable'
        WHEN reason LIKE 'as classified by the exporting partner%' THEN 'imported'
        ELSE 'not-placed' END;
    `,
  },
  {
    version: 7,
    name: "deprivation by index and edition (IoD 2025 on 2021 LSOAs, IoD 2019 on 2011 LSOAs), its domains, and postcodes' LSOAs of both vintages",
    sql: `
      -- Tables are rebuilt rather than altered: DuckDB refuses to commit a transaction that alters a table holding
      -- rows and then updates it. Each edition is keyed on the LSOAs of its own vintage; rows loaded before this
      -- migration came from the 2011 headings the loader knew then ("LSOA code (2011)", lsoa11cd), so they are IoD 2019.
      CREATE TABLE deprivation_v6 (
        index_edition VARCHAR NOT NULL CHECK (index_edition IN ('IoD2025', 'IoD2019')),
        lsoa_code VARCHAR NOT NULL,
        imd_rank INTEGER,
        imd_decile TINYINT NOT NULL,
        income_decile TINYINT,
        employment_decile TINYINT,
        education_decile TINYINT,
        health_decile TINYINT,
        crime_decile TINYINT,
        barriers_decile TINYINT,
        living_environment_decile TINYINT,
        file_id INTEGER NOT NULL
      );
      INSERT INTO deprivation_v6 (index_edition, lsoa_code, imd_rank, imd_decile, file_id)
        SELECT 'IoD2019', lsoa_code, imd_rank, imd_decile, file_id FROM deprivation;
      DROP TABLE deprivation;
      ALTER TABLE deprivation_v6 RENAME TO deprivation;
      -- A postcode carries the LSOA of each vintage. The loader before this migration preferred a directory's 2011
      -- column (lsoa11, lsoa11cd_pip, lsoa11cd) over its 2021 one, so the one code it kept is taken as 2011; the
      -- directory's IMD decile was IMD 2019's.
      CREATE TABLE postcodes_v6 (
        postcode VARCHAR NOT NULL,
        latitude DOUBLE,
        longitude DOUBLE,
        lad_code VARCHAR,
        lsoa11_code VARCHAR,
        lsoa21_code VARCHAR,
        icb_code VARCHAR,
        imd2019_decile TINYINT,
        terminated BOOLEAN NOT NULL,
        file_id INTEGER NOT NULL,
        precision VARCHAR DEFAULT 'unit'
      );
      INSERT INTO postcodes_v6 (postcode, latitude, longitude, lad_code, lsoa11_code, icb_code, imd2019_decile, terminated, file_id, precision)
        SELECT postcode, latitude, longitude, lad_code, lsoa_code, icb_code, imd_decile, terminated, file_id, precision FROM postcodes;
      DROP TABLE postcodes;
      ALTER TABLE postcodes_v6 RENAME TO postcodes;
      -- Located postcodes are derived (recomputed by every load): both vintages, and each index's decile by its own.
      DROP TABLE located_postcodes;
      CREATE TABLE located_postcodes (
        postcode_as_given VARCHAR NOT NULL,
        postcode VARCHAR,
        sector VARCHAR,
        district VARCHAR,
        precision VARCHAR NOT NULL CHECK (precision IN ('unit', 'sector', 'district', 'none')),
        latitude DOUBLE,
        longitude DOUBLE,
        lad_code VARCHAR,
        icb_code VARCHAR,
        lsoa11_code VARCHAR,
        lsoa21_code VARCHAR,
        iod2019_decile TINYINT,
        iod2025_decile TINYINT,
        terminated BOOLEAN NOT NULL,
        reason VARCHAR NOT NULL
      );
    `,
  },
  {
    version: 8,
    name: "how each spend file was read, and lines that are a period's total per supplier",
    sql: `
      -- In words: each table's heading mapping ("Date of payment" → date), its date column's order and why, its period.
      ALTER TABLE source_files ADD COLUMN reading VARCHAR;
      -- A file with no date column publishes one total per supplier for its period: spend, not a payment.
      ALTER TABLE spend ADD COLUMN is_period_total BOOLEAN DEFAULT false;
    `,
  },
  {
    version: 9,
    name: "facts scoped by institution: file identity, definitions, supplier registers and locality per institution",
    sql: `
      -- A file's identity is its institution and its content: the same bytes in two institutions' folders are two
      -- files, each giving its own institution its facts. institution_id NULL: reference data, or a register or
      -- definitions shared by every institution (a partnership's, loaded as shared).
      CREATE TABLE source_files_scoped (
        file_id INTEGER PRIMARY KEY,
        path VARCHAR NOT NULL,
        sha256 VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        institution_id VARCHAR,
        rows_read INTEGER NOT NULL,
        rows_loaded INTEGER NOT NULL,
        rows_quarantined INTEGER NOT NULL,
        amount_loaded DECIMAL(18, 2),
        first_date DATE,
        last_date DATE,
        loaded_at TIMESTAMPTZ NOT NULL,
        vat_basis VARCHAR,
        sheets VARCHAR[],
        superseded_by INTEGER,
        reading VARCHAR,
        CHECK (rows_read = rows_loaded + rows_quarantined)
      );
      INSERT INTO source_files_scoped SELECT file_id, path, sha256, kind, institution_id, rows_read, rows_loaded, rows_quarantined,
        amount_loaded, first_date, last_date, loaded_at, vat_basis, sheets, superseded_by, reading FROM source_files;
      DROP TABLE source_files;
      ALTER TABLE source_files_scoped RENAME TO source_files;

      -- A definition id and version is immutable within its institution; two institutions may each hold one.
      CREATE TABLE local_definitions_scoped AS SELECT * FROM local_definitions;
      DROP TABLE local_definitions;
      ALTER TABLE local_definitions_scoped RENAME TO local_definitions;

      -- What a register says of a supplier, per institution (NULL: a shared register). Registers loaded before
      -- this version were global: they are kept as shared.
      CREATE TABLE supplier_facts (
        institution_id VARCHAR,
        supplier_id VARCHAR NOT NULL,
        company_number VARCHAR,
        is_sme BOOLEAN,
        is_vcse BOOLEAN,
        file_id INTEGER NOT NULL
      );
      INSERT INTO supplier_facts SELECT NULL, supplier_id, company_number, is_sme, is_vcse, 0 FROM suppliers
        WHERE company_number IS NOT NULL OR is_sme IS NOT NULL OR is_vcse IS NOT NULL;
      ALTER TABLE suppliers DROP COLUMN postcode;
      ALTER TABLE suppliers DROP COLUMN company_number;
      ALTER TABLE suppliers DROP COLUMN is_sme;
      ALTER TABLE suppliers DROP COLUMN is_vcse;
      ALTER TABLE supplier_locations ADD COLUMN institution_id VARCHAR;
      ALTER TABLE imported_locality ADD COLUMN institution_id VARCHAR;

      -- Locality per institution: a supplier's class for one institution comes from that institution's register
      -- (and shared ones) under the definitions it sees. The global classes computed before are each institution's.
      ALTER TABLE supplier_locality ADD COLUMN institution_id VARCHAR;
      INSERT INTO supplier_locality (supplier_id, definition_id, version, status, reason_code, reason, precision, postcode, institution_id)
        SELECT l.supplier_id, l.definition_id, l.version, l.status, l.reason_code, l.reason, l.precision, l.postcode, i.institution_id
        FROM supplier_locality l
        JOIN local_definitions d ON d.definition_id = l.definition_id AND d.version = l.version
        JOIN institutions i ON d.institution_id IS NULL OR d.institution_id = i.institution_id
        WHERE l.institution_id IS NULL;
      DELETE FROM supplier_locality WHERE institution_id IS NULL;
      -- A postcode's class under a definition names whose definition it is ('' when shared).
      ALTER TABLE postcode_locality ADD COLUMN owner_key VARCHAR;
      UPDATE postcode_locality p SET owner_key = coalesce(d.institution_id, '')
        FROM local_definitions d WHERE d.definition_id = p.definition_id AND d.version = p.version;
    `,
  },
  {
    version: 10,
    name: "how many unit postcodes each sector or district centroid is the mean of",
    sql: `
      -- The site publishes a supplier's location as its sector's (or district's) centroid only when that centroid
      -- stands for enough unit postcodes never to identify one (src/site/page-data/published-location.ts). NULL
      -- (a centroid loaded before this version, or a file with no count): the loaded directory's postcodes are counted.
      ALTER TABLE postcode_areas ADD COLUMN postcodes INTEGER;
    `,
  },
  {
    version: 11,
    name: "contracts from published notices (OCDS): releases, every supplier of an award, KPIs",
    sql: `
      -- A release of a notice file (a release package's release, or a record's compiled release), as loaded: the
      -- facts of the institution whose folder the file came from. row_number: the release's position in the file.
      CREATE TABLE notice_releases (
        file_id INTEGER NOT NULL,
        row_number INTEGER NOT NULL,
        json_path VARCHAR NOT NULL,
        institution_id VARCHAR NOT NULL,
        ocid VARCHAR NOT NULL,
        release_id VARCHAR,
        release_date VARCHAR,
        tags VARCHAR[] NOT NULL,
        buyer_name VARCHAR,
        contracts INTEGER NOT NULL
      );
      -- A contract a notice's award gives (also a row of sv_contracts, which names its first supplier): the release it
      -- came from, so that the latest release of a contracting process wins.
      CREATE TABLE notice_contracts (
        file_id INTEGER NOT NULL,
        row_number INTEGER NOT NULL,
        institution_id VARCHAR NOT NULL,
        contract_id VARCHAR NOT NULL,
        ocid VARCHAR NOT NULL,
        award_id VARCHAR NOT NULL,
        release_date VARCHAR,
        json_path VARCHAR NOT NULL
      );
      -- Every supplier an award lists, in its order, with what the notice says of it (identifiers normalised).
      CREATE TABLE sv_contract_suppliers (
        file_id INTEGER NOT NULL,
        row_number INTEGER NOT NULL,
        institution_id VARCHAR NOT NULL,
        contract_id VARCHAR NOT NULL,
        position INTEGER NOT NULL,
        supplier_id VARCHAR NOT NULL,
        supplier_name VARCHAR NOT NULL,
        party_id VARCHAR,
        company_number VARCHAR,
        charity_number VARCHAR,
        ppon VARCHAR,
        identifiers VARCHAR[] NOT NULL,
        postcode VARCHAR,
        postcode_from VARCHAR,
        scale VARCHAR,
        is_sme BOOLEAN,
        is_vcse BOOLEAN
      );
      -- Key performance indicators a notice gives for a contract (UK7 contract details), with the latest rating or
      -- observation it reports (UK9 contract performance), where present.
      CREATE TABLE sv_contract_kpis (
        file_id INTEGER NOT NULL,
        row_number INTEGER NOT NULL,
        institution_id VARCHAR NOT NULL,
        contract_id VARCHAR NOT NULL,
        kpi_id VARCHAR,
        title VARCHAR NOT NULL,
        description VARCHAR,
        rating VARCHAR,
        observed_value DOUBLE,
        unit VARCHAR,
        period_end VARCHAR
      );
    `,
  },
  {
    version: 12,
    name: "an institution may withhold payees that look like individuals from what it publishes",
    sql: `
      -- institution.json's withholdIndividuals: the site and the exports name no payee that looks like a private
      -- individual (src/core/individual-name.ts) for that institution; the warehouse keeps the names.
      ALTER TABLE institutions ADD COLUMN withhold_individuals BOOLEAN DEFAULT false;
    `,
  },
  {
    version: 13,
    name: "definitions loaded by the first releases (schema 1 and 2) get the spec every later one has",
    sql: `
      -- Version 3 added the spec (the area as loaded, JSON) and left the rows already there without one: every later
      -- load compiles the stored definitions from it and failed on those ("Cannot read properties of null"), and a
      -- definition loaded again was "already loaded with another area". The first releases knew three kinds, each
      -- its codes only; the spec is written as the loader writes it (JSON.stringify of { kind, codes | prefixes }).
      UPDATE local_definitions SET spec = json_object('kind', kind, 'codes', codes)::VARCHAR
        WHERE spec IS NULL AND kind IN ('local-authorities', 'icb');
      UPDATE local_definitions SET kind = 'postcode-prefixes', spec = json_object('kind', 'postcode-prefixes', 'prefixes', codes)::VARCHAR
        WHERE spec IS NULL AND kind = 'postcode-districts';
    `,
  },
  {
    version: 14,
    name: "national registers as reference: Companies House companies, Charity Commission charities, their editions",
    sql: `
      -- Companies House basic company data: only the columns used (loaders/reference/reference-tables.ts), one
      -- edition at a time (a newer monthly edition replaces the last whole; parts of one edition add up).
      CREATE TABLE companies (
        company_number VARCHAR NOT NULL PRIMARY KEY,
        name VARCHAR NOT NULL,
        name_key VARCHAR NOT NULL,
        category VARCHAR,
        status VARCHAR,
        postcode VARCHAR,
        sic_codes VARCHAR[],
        accounts_category VARCHAR,
        file_id INTEGER NOT NULL
      );
      -- The Charity Commission for England and Wales register extract: a linked charity's number as 1123456-1.
      CREATE TABLE charities (
        charity_number VARCHAR NOT NULL PRIMARY KEY,
        name VARCHAR NOT NULL,
        name_key VARCHAR NOT NULL,
        status VARCHAR,
        postcode VARCHAR,
        company_number VARCHAR,
        latest_income DOUBLE,
        file_id INTEGER NOT NULL
      );
      -- Which edition of each register is loaded, file by file (one row per part of a multi-part edition).
      CREATE TABLE register_editions (
        register VARCHAR NOT NULL CHECK (register IN ('companies-house', 'charity-commission')),
        edition DATE NOT NULL,
        file_id INTEGER NOT NULL
      );
    `,
  },
  {
    version: 15,
    name: "suppliers matched to the national registers: identifiers spend files give, automatic matches, analysts' decisions",
    sql: `
      -- The identifiers a spend file gives for its suppliers (its Company / Charity / VAT Registration Number
      -- columns), normalised (loaders/schema/supplier-identifiers.ts): one row per file, supplier and identifier.
      -- A file's identifiers belong to the institution whose folder holds it.
      CREATE TABLE spend_supplier_identifiers (
        file_id INTEGER NOT NULL,
        institution_id VARCHAR NOT NULL,
        supplier_id VARCHAR NOT NULL,
        scheme VARCHAR NOT NULL CHECK (scheme IN ('GB-COH', 'GB-CHC', 'GB-SC', 'GB-NIC', 'GB-VAT')),
        identifier VARCHAR NOT NULL
      );
      -- Candidates from automatic matching of an institution's suppliers against the loaded register editions,
      -- rewritten for an institution by each matching run: rank 1 is the best candidate; accepted marks the one
      -- match taken without review (an identifier, a unique exact name, a score at or above the threshold).
      CREATE TABLE supplier_matches (
        institution_id VARCHAR NOT NULL,
        supplier_id VARCHAR NOT NULL,
        register VARCHAR NOT NULL CHECK (register IN ('companies-house', 'charity-commission')),
        register_id VARCHAR NOT NULL,
        method VARCHAR NOT NULL CHECK (method IN ('identifier', 'name', 'fuzzy')),
        score DOUBLE NOT NULL,
        rank INTEGER NOT NULL,
        accepted BOOLEAN NOT NULL,
        edition DATE NOT NULL
      );
      -- An analyst's decision on a supplier, loaded from an edited suppliers-to-review.csv: it persists across
      -- loads and wins over automatic matching. register_id NULL with 'reject' means "none of these".
      CREATE TABLE supplier_match_decisions (
        institution_id VARCHAR NOT NULL,
        supplier_id VARCHAR NOT NULL,
        register VARCHAR CHECK (register IN ('companies-house', 'charity-commission')),
        register_id VARCHAR,
        decision VARCHAR NOT NULL CHECK (decision IN ('accept', 'reject')),
        file_id INTEGER NOT NULL,
        row_number INTEGER NOT NULL
      );
    `,
  },
  {
    version: 16,
    name: "public bodies among suppliers (recognised from shipped reference); a definition may leave them out of influenceable spend",
    sql: `
      -- Every supplier-name key that names a public body (NHS trust, CCG, ICB, council, combined authority, HMRC),
      -- rewritten whole by every load from the shipped keys (data/public-bodies/public-body-names.csv.gz, written
      -- from data/ods, data/boundaries and data/public-bodies; loaders/reference/load-public-bodies.ts). prefix: the
      -- key also names a supplier whose key begins with it and a space ("HMRC VAT"). A key appears once for each
      -- prefix value (no index: the table is rewritten whole). recognised_by: 'ods-code', 'authority-code' (code is
      -- the GSS code) or 'name-rule'.
      CREATE TABLE public_bodies (
        name_key VARCHAR NOT NULL,
        prefix BOOLEAN NOT NULL,
        kind VARCHAR NOT NULL,
        recognised_by VARCHAR NOT NULL CHECK (recognised_by IN ('ods-code', 'authority-code', 'name-rule')),
        code VARCHAR,
        reference_name VARCHAR NOT NULL
      );
      -- A definition's excludePublicBodies: its "influenceable" spend leaves public bodies out (as CLES does).
      ALTER TABLE local_definitions ADD COLUMN excludes_public_bodies BOOLEAN DEFAULT false;
    `,
  },
  {
    version: 17,
    name: "national registers without a primary-key index: the load keeps one row per number itself",
    sql: `
      -- A national register is 5 million rows; building and writing the PRIMARY KEY index on the company number was
      -- a third of inserting them (loaders/reference/load-reference-table.ts). The key stays unique without it: a file's
      -- rows are ranked per key in the pass that reads them and only the first problem-free one is inserted, after
      -- the rows already loaded with those keys are deleted, in one transaction of the warehouse's one writer. No
      -- statement relies on the constraint (no ON CONFLICT; joins on the number are hash joins). Same for charities.
      CREATE TABLE companies_v17 (
        company_number VARCHAR NOT NULL,
        name VARCHAR NOT NULL,
        name_key VARCHAR NOT NULL,
        category VARCHAR,
        status VARCHAR,
        postcode VARCHAR,
        sic_codes VARCHAR[],
        accounts_category VARCHAR,
        file_id INTEGER NOT NULL
      );
      INSERT INTO companies_v17 SELECT company_number, name, name_key, category, status, postcode, sic_codes, accounts_category, file_id FROM companies;
      DROP TABLE companies;
      ALTER TABLE companies_v17 RENAME TO companies;
      CREATE TABLE charities_v17 (
        charity_number VARCHAR NOT NULL,
        name VARCHAR NOT NULL,
        name_key VARCHAR NOT NULL,
        status VARCHAR,
        postcode VARCHAR,
        company_number VARCHAR,
        latest_income DOUBLE,
        file_id INTEGER NOT NULL
      );
      INSERT INTO charities_v17 SELECT charity_number, name, name_key, status, postcode, company_number, latest_income, file_id FROM charities;
      DROP TABLE charities;
      ALTER TABLE charities_v17 RENAME TO charities;
    `,
  },
];
