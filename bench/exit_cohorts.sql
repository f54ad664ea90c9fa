-- exit_cohorts.csv (definitions.md §1-3, default settings) computed by DuckDB straight from
-- the gzipped extracts, for the side-by-side benchmark. {dir} is replaced by the input folder.
-- Months are numbered year * 12 + month - 1 from the file names.
CREATE TEMP TABLE arena AS
SELECT person_id, hovedstatus,
       CAST(substr(regexp_extract(filename, '_([0-9]{6})\.csv\.gz$', 1), 1, 4) AS INTEGER) * 12
     + CAST(substr(regexp_extract(filename, '_([0-9]{6})\.csv\.gz$', 1), 5, 2) AS INTEGER) - 1 AS m
FROM read_csv('{dir}/arena_*.csv.gz', delim = ';', header = true, all_varchar = true, filename = true);

CREATE TEMP TABLE bounds AS SELECT min(m) AS lo, max(m) AS hi FROM arena;

-- Registered (ARBS, NEDS) person-months; an exit is a registered month whose next
-- registered month is more than two months later, decided only when m + 2 is in the data.
CREATE TEMP TABLE exits AS
WITH reg AS (SELECT person_id, m, hovedstatus FROM arena WHERE hovedstatus IN ('ARBS', 'NEDS')),
nxt AS (SELECT person_id, m, hovedstatus, lead(m) OVER (PARTITION BY person_id ORDER BY m) AS next_m FROM reg)
SELECT n.person_id, n.m, n.hovedstatus
FROM nxt n, bounds b
WHERE n.m + 2 <= b.hi AND (n.next_m IS NULL OR n.next_m > n.m + 2);

-- NEDS reclassification: an ARBS exit with a NEDS row in any of the five months before.
CREATE TEMP TABLE exit_status AS
SELECT e.person_id, e.m,
       CASE WHEN e.hovedstatus = 'ARBS' AND EXISTS (
                SELECT 1 FROM arena a WHERE a.person_id = e.person_id AND a.hovedstatus = 'NEDS'
                  AND a.m BETWEEN e.m - 5 AND e.m - 1)
            THEN 'NEDS' ELSE e.hovedstatus END AS exit_status
FROM exits e;

-- Employed at the end of a month: a relationship covering its last day.
CREATE TEMP TABLE employed AS
WITH aa AS (
    SELECT person_id, startdato, sluttdato,
           CAST(substr(regexp_extract(filename, '_([0-9]{6})\.csv\.gz$', 1), 1, 4) AS INTEGER) AS y,
           CAST(substr(regexp_extract(filename, '_([0-9]{6})\.csv\.gz$', 1), 5, 2) AS INTEGER) AS mo
    FROM read_csv('{dir}/aa_*.csv.gz', delim = ';', header = true, all_varchar = true, filename = true)
)
SELECT DISTINCT person_id, y * 12 + mo - 1 AS m
FROM aa
WHERE startdato <= strftime(last_day(make_date(y, mo, 1)), '%Y-%m-%d')
  AND (sluttdato IS NULL OR sluttdato = '' OR sluttdato >= strftime(last_day(make_date(y, mo, 1)), '%Y-%m-%d'));

CREATE TEMP TABLE benefits AS
SELECT person_id,
       CAST(substr(regexp_extract(filename, '_([0-9]{6})\.csv\.gz$', 1), 1, 4) AS INTEGER) * 12
     + CAST(substr(regexp_extract(filename, '_([0-9]{6})\.csv\.gz$', 1), 5, 2) AS INTEGER) - 1 AS m,
       bool_or(ytelse IN ('DAGP', 'AAP', 'INDST', 'OVST', 'UFOR', 'ALDER')) AS work_benefit,
       bool_or(ytelse = 'UFOR') AS disability,
       bool_or(ytelse = 'ALDER') AS old_age
FROM read_csv('{dir}/ytelse_*.csv.gz', delim = ';', header = true, all_varchar = true, filename = true)
GROUP BY ALL;

-- Status at the end of m + 2, first rule that holds; then the headline classes.
CREATE TEMP TABLE outcomes AS
SELECT s.m, s.exit_status,
       CASE WHEN e.person_id IS NOT NULL AND coalesce(b.work_benefit, false) THEN 'work_benefit'
            WHEN e.person_id IS NOT NULL THEN 'work'
            WHEN r.hovedstatus IN ('ARBS', 'NEDS') THEN 'other'
            WHEN coalesce(b.disability, false) THEN 'disability'
            ELSE 'other' END AS outcome
FROM exit_status s
LEFT JOIN employed e ON e.person_id = s.person_id AND e.m = s.m + 2
LEFT JOIN benefits b ON b.person_id = s.person_id AND b.m = s.m + 2
LEFT JOIN arena r ON r.person_id = s.person_id AND r.m = s.m + 2;

-- Every complete month × exit status × class, zeros included.
COPY (
    WITH months AS (SELECT range AS m FROM bounds, range(lo, hi - 1)),
    statuses AS (SELECT * FROM (VALUES ('ARBS', 0), ('NEDS', 1)) t(exit_status, so)),
    classes AS (SELECT * FROM (VALUES ('work', 0), ('work_benefit', 1), ('disability', 2), ('other', 3)) t(outcome, co)),
    counts AS (SELECT m, exit_status, outcome, count(*) AS n FROM outcomes GROUP BY ALL),
    grid AS (
        SELECT mo.m, st.exit_status, st.so, cl.outcome, cl.co, coalesce(c.n, 0) AS count
        FROM months mo CROSS JOIN statuses st CROSS JOIN classes cl
        LEFT JOIN counts c ON c.m = mo.m AND c.exit_status = st.exit_status AND c.outcome = cl.outcome
    )
    SELECT printf('%04d-%02d', m // 12, m % 12 + 1) AS exit_month, exit_status, outcome, count,
           sum(count) OVER (PARTITION BY m, exit_status) AS exits,
           CASE WHEN sum(count) OVER (PARTITION BY m, exit_status) = 0 THEN NULL
                ELSE 100.0 * count / sum(count) OVER (PARTITION BY m, exit_status) END AS pct
    FROM grid ORDER BY m, so, co
) TO '{out}' (HEADER, DELIMITER ',');
