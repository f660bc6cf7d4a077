// `ImportJobStore`: the imports uploaded through the API or the editor UI, run as background
// jobs. Included after store_impl.rs, whose helpers (`db_err`, `ts`, `found`) it uses.

macro_rules! import_job_columns {
    () => {
        "id, status, file_name, consent, options, dry_run, created_by, created_at, started_at, \
         finished_at, bytes_total, bytes_done, rows_done, report, error"
    };
}

#[derive(sqlx::FromRow)]
struct ImportJobRow {
    id: i64,
    status: String,
    file_name: String,
    consent: String,
    options: Json<serde_json::Value>,
    dry_run: bool,
    created_by: String,
    created_at: OffsetDateTime,
    started_at: Option<OffsetDateTime>,
    finished_at: Option<OffsetDateTime>,
    bytes_total: i64,
    bytes_done: i64,
    rows_done: i64,
    report: Option<Json<serde_json::Value>>,
    error: Option<String>,
}

impl TryFrom<ImportJobRow> for rundbrief_store::ImportJob {
    type Error = StoreError;

    fn try_from(row: ImportJobRow) -> StoreResult<Self> {
        let status = rundbrief_store::ImportJobStatus::parse(&row.status)
            .ok_or_else(|| corrupt("imports", format!("unknown status {}", row.status)))?;
        Ok(Self {
            id: row.id,
            status,
            file_name: row.file_name,
            consent: row.consent,
            options: row.options.0,
            dry_run: row.dry_run,
            created_by: row.created_by,
            created_at: row.created_at,
            started_at: row.started_at,
            finished_at: row.finished_at,
            bytes_total: row.bytes_total,
            bytes_done: row.bytes_done,
            rows_done: row.rows_done,
            report: row.report.map(|r| r.0),
            error: row.error,
        })
    }
}

#[async_trait]
impl rundbrief_store::ImportJobStore for StoreImpl {
    async fn create_import_job(
        &self,
        new: &rundbrief_store::NewImportJob,
        at: OffsetDateTime,
    ) -> StoreResult<rundbrief_store::ImportJob> {
        let sql = concat!(
            "INSERT INTO imports (status, file_name, consent, options, dry_run, created_by, \
             created_at, bytes_total) VALUES ('queued', $1, $2, $3, $4, $5, $6, $7) RETURNING ",
            import_job_columns!()
        );
        let row: ImportJobRow = sqlx::query_as(sql)
            .bind(&new.file_name)
            .bind(&new.consent)
            .bind(Json(&new.options))
            .bind(new.dry_run)
            .bind(&new.created_by)
            .bind(ts(at))
            .bind(new.bytes_total)
            .fetch_one(self.writer())
            .await
            .map_err(db_err)?;
        row.try_into()
    }

    async fn import_job(&self, id: i64) -> StoreResult<rundbrief_store::ImportJob> {
        let sql = concat!("SELECT ", import_job_columns!(), " FROM imports WHERE id = $1");
        self.read_one(sqlx::query_as::<_, ImportJobRow>(sql).bind(id), "import").await
    }

    async fn import_jobs(
        &self,
        before: Option<i64>,
        limit: u32,
    ) -> StoreResult<Vec<rundbrief_store::ImportJob>> {
        let sql = concat!(
            "SELECT ",
            import_job_columns!(),
            " FROM imports WHERE id < $1 ORDER BY id DESC LIMIT $2"
        );
        let rows: Vec<ImportJobRow> = sqlx::query_as(sql)
            .bind(before.unwrap_or(i64::MAX))
            .bind(page_limit(limit))
            .fetch_all(self.reader())
            .await
            .map_err(db_err)?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    async fn claim_import_job(
        &self,
        claim: &str,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
    ) -> StoreResult<Option<rundbrief_store::ImportJob>> {
        // The condition is repeated outside the subquery: when two PostgreSQL processes pick
        // the same row, the second one's UPDATE re-checks it after the first committed and
        // takes nothing, instead of taking the job over from a live runner.
        let sql = concat!(
            "UPDATE imports SET status = 'running', started_at = $1, lease_until = $2, \
             claim = $3, bytes_done = 0, rows_done = 0 \
             WHERE id = (SELECT id FROM imports WHERE status = 'queued' \
             OR (status = 'running' AND lease_until < $1) ORDER BY id LIMIT 1) \
             AND (status = 'queued' OR (status = 'running' AND lease_until < $1)) RETURNING ",
            import_job_columns!()
        );
        let row: Option<ImportJobRow> = sqlx::query_as(sql)
            .bind(ts(now))
            .bind(ts(lease_until))
            .bind(claim)
            .fetch_optional(self.writer())
            .await
            .map_err(db_err)?;
        row.map(TryInto::try_into).transpose()
    }

    async fn import_job_progress(
        &self,
        id: i64,
        claim: &str,
        bytes_done: i64,
        rows_done: i64,
        lease_until: OffsetDateTime,
    ) -> StoreResult<()> {
        self.write_one(
            sqlx::query(
                "UPDATE imports SET bytes_done = $2, rows_done = $3, lease_until = $4 \
                 WHERE id = $1 AND status = 'running' AND claim = $5",
            )
            .bind(id)
            .bind(bytes_done)
            .bind(rows_done)
            .bind(ts(lease_until))
            .bind(claim),
            "running import",
        )
        .await
    }

    async fn finish_import_job(
        &self,
        id: i64,
        claim: &str,
        report: &serde_json::Value,
        error: Option<&str>,
        at: OffsetDateTime,
    ) -> StoreResult<rundbrief_store::ImportJob> {
        let status = if error.is_some() { "failed" } else { "done" };
        // A done job's progress is the whole file, whatever the last batch reported.
        let sql = concat!(
            "UPDATE imports SET status = $2, report = $3, error = $4, finished_at = $5, \
             lease_until = NULL, \
             bytes_done = CASE WHEN $2 = 'done' THEN bytes_total ELSE bytes_done END, \
             rows_done = COALESCE($6, rows_done) \
             WHERE id = $1 AND status = 'running' AND claim = $7 RETURNING ",
            import_job_columns!()
        );
        let rows = report.get("rows").and_then(serde_json::Value::as_i64);
        let row: Option<ImportJobRow> = sqlx::query_as(sql)
            .bind(id)
            .bind(status)
            .bind(Json(report))
            .bind(error)
            .bind(ts(at))
            .bind(rows)
            .bind(claim)
            .fetch_optional(self.writer())
            .await
            .map_err(db_err)?;
        found(row, "running import")
    }
}
