// Issues and their variants: `IssueStore`, and the ledger helpers both it and the
// deliveries use. Included after store_impl.rs in each backend.

impl StoreImpl {
    /// Puts an unsent delivery in `status` with why, out of any lease: back to pending with the
    /// time of its next attempt (`retry_at`), or ended (failed, bounced, skipped; no retry). A
    /// delivery already sent stays sent, and the caller learns so (`NotFound`).
    async fn settle_unsent(
        &self,
        id: DeliveryId,
        status: DeliveryStatus,
        why: &str,
        retry_at: Option<OffsetDateTime>,
    ) -> StoreResult<()> {
        let statement = sqlx::query(
            "UPDATE deliveries SET status = $1, last_error = $2, next_attempt_at = $3, \
             lease_until = NULL WHERE id = $4 AND status <> $5",
        )
        .bind(status.as_str())
        .bind(why)
        .bind(retry_at.map(ts))
        .bind(id.0)
        .bind(DeliveryStatus::Sent.as_str());
        self.write_one(statement, "unsent delivery").await
    }

    /// The issue a compare-and-set on its status returned, or `Conflict` naming the status it
    /// has instead of `expected` (`NotFound` when it does not exist at all).
    async fn changed_issue(
        &self,
        row: Option<IssueRow>,
        id: IssueId,
        expected: IssueStatus,
    ) -> StoreResult<Issue> {
        match row {
            Some(row) => row.try_into(),
            None => {
                let current = self.issue(id).await?;
                Err(StoreError::Conflict(format!(
                    "issue {id} is {}, not {expected}",
                    current.status
                )))
            }
        }
    }
}

#[async_trait]
impl IssueStore for StoreImpl {
    async fn create_issue(&self, new: &NewIssue, at: OffsetDateTime) -> StoreResult<Issue> {
        let at = ts(at);
        let sql = concat!(
            "INSERT INTO issues (title, base_language, status, segment, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $5) RETURNING ",
            issue_columns!(),
            ""
        );
        let row: IssueRow = sqlx::query_as(sql)
            .bind(&new.title)
            .bind(new.base_language.code())
            .bind(IssueStatus::Draft.as_str())
            .bind(Json(&new.segment))
            .bind(at)
            .fetch_one(self.writer())
            .await
            .map_err(db_err)?;
        row.try_into()
    }

    async fn issue(&self, id: IssueId) -> StoreResult<Issue> {
        let sql = concat!("SELECT ", issue_columns!(), " FROM issues WHERE id = $1");
        let statement = sqlx::query_as::<_, IssueRow>(sql).bind(id.0);
        self.read_one(statement, "issue").await
    }

    async fn list_issues(&self, before: Option<i64>, limit: u32) -> StoreResult<Page<Issue>> {
        let limit = page_limit(limit);
        let sql = concat!(
            "SELECT ",
            issue_columns!(),
            " FROM issues WHERE id < $1 AND kind = 'campaign' ORDER BY id DESC LIMIT $2"
        );
        let rows: Vec<IssueRow> = sqlx::query_as(sql)
            .bind(before.unwrap_or(i64::MAX))
            .bind(limit + 1)
            .fetch_all(self.reader())
            .await
            .map_err(db_err)?;
        let mut items: Vec<Issue> = map_rows(rows)?;
        let next = if items.len() as i64 > limit {
            items.truncate(limit as usize);
            items.last().map(|i| i.id.0)
        } else {
            None
        };
        Ok(Page { items, next })
    }

    async fn update_issue(
        &self,
        id: IssueId,
        update: &IssueUpdate,
        at: OffsetDateTime,
    ) -> StoreResult<Issue> {
        let current = self.issue(id).await?;
        if !matches!(current.status, IssueStatus::Draft | IssueStatus::Scheduled) {
            return Err(StoreError::Conflict(format!(
                "issue {id} is {} and can no longer be edited",
                current.status
            )));
        }
        let sql = concat!(
            "UPDATE issues SET title = $1, base_language = $2, segment = $3, updated_at = $4 \
             WHERE id = $5 AND status = $6 RETURNING ",
            issue_columns!(),
            ""
        );
        let row: Option<IssueRow> = sqlx::query_as(sql)
            .bind(update.title.as_ref().unwrap_or(&current.title))
            .bind(update.base_language.unwrap_or(current.base_language).code())
            .bind(Json(update.segment.as_ref().unwrap_or(&current.segment)))
            .bind(ts(at))
            .bind(id.0)
            .bind(current.status.as_str())
            .fetch_optional(self.writer())
            .await
            .map_err(db_err)?;
        row.ok_or(StoreError::Conflict("the issue changed meanwhile; try again".into()))?.try_into()
    }

    async fn transition_issue(
        &self,
        id: IssueId,
        from: IssueStatus,
        to: IssueStatus,
        scheduled_at: Option<OffsetDateTime>,
        at: OffsetDateTime,
    ) -> StoreResult<Issue> {
        let sql = concat!(
            "UPDATE issues SET status = $1, scheduled_at = $2, updated_at = $3, \
             status_reason = NULL WHERE id = $4 AND status = $5 RETURNING ",
            issue_columns!(),
            ""
        );
        let row: Option<IssueRow> = sqlx::query_as(sql)
            .bind(to.as_str())
            .bind(scheduled_at.map(ts))
            .bind(ts(at))
            .bind(id.0)
            .bind(from.as_str())
            .fetch_optional(self.writer())
            .await
            .map_err(db_err)?;
        self.changed_issue(row, id, from).await
    }

    async fn delete_issue(&self, id: IssueId) -> StoreResult<()> {
        // A draft has no deliveries (only starting an issue writes them, and nothing goes
        // back to draft); the statement checks it all the same, since PostgreSQL's ledger has
        // no foreign key that would refuse the delete (migration 0025).
        let done = sqlx::query(
            "DELETE FROM issues WHERE id = $1 AND status = $2 \
             AND NOT EXISTS (SELECT 1 FROM deliveries WHERE issue_id = $1)",
        )
        .bind(id.0)
        .bind(IssueStatus::Draft.as_str())
        .execute(self.writer())
        .await
        .map_err(db_err)?;
        if done.rows_affected() == 0 {
            let current = self.issue(id).await?;
            return Err(StoreError::Conflict(format!(
                "issue {id} is {} and cannot be deleted",
                current.status
            )));
        }
        Ok(())
    }

    async fn due_scheduled_issues(&self, now: OffsetDateTime) -> StoreResult<Vec<Issue>> {
        let sql = concat!(
            "SELECT ",
            issue_columns!(),
            " FROM issues WHERE status = $1 AND scheduled_at <= $2 \
             ORDER BY scheduled_at, id"
        );
        let rows: Vec<IssueRow> = sqlx::query_as(sql)
            .bind(IssueStatus::Scheduled.as_str())
            .bind(ts(now))
            .fetch_all(self.reader())
            .await
            .map_err(db_err)?;
        map_rows(rows)
    }

    async fn issues_in_status(&self, status: IssueStatus) -> StoreResult<Vec<Issue>> {
        let sql =
            concat!("SELECT ", issue_columns!(), " FROM issues WHERE status = $1 ORDER BY id");
        let rows: Vec<IssueRow> = sqlx::query_as(sql)
            .bind(status.as_str())
            .fetch_all(self.reader())
            .await
            .map_err(db_err)?;
        map_rows(rows)
    }

    async fn pause_issue(
        &self,
        id: IssueId,
        reason: &str,
        at: OffsetDateTime,
    ) -> StoreResult<Issue> {
        let sql = concat!(
            "UPDATE issues SET status = $1, status_reason = $2, updated_at = $3 \
             WHERE id = $4 AND status = $5 RETURNING ",
            issue_columns!(),
            ""
        );
        let row: Option<IssueRow> = sqlx::query_as(sql)
            .bind(IssueStatus::Paused.as_str())
            .bind(reason)
            .bind(ts(at))
            .bind(id.0)
            .bind(IssueStatus::Sending.as_str())
            .fetch_optional(self.writer())
            .await
            .map_err(db_err)?;
        self.changed_issue(row, id, IssueStatus::Sending).await
    }

    async fn put_variant(
        &self,
        issue: IssueId,
        language: Language,
        input: &VariantInput,
        at: OffsetDateTime,
    ) -> StoreResult<Variant> {
        // Every save keeps its revision; without an author, as from the command line.
        let author = rundbrief_store::RevisionAuthor::default();
        let saved = rundbrief_store::RevisionStore::save_variant(
            self, issue, language, input, author, None, at,
        )
        .await?;
        Ok(saved.variant)
    }

    async fn variant(&self, issue: IssueId, language: Language) -> StoreResult<Variant> {
        let sql = concat!(
            "SELECT ",
            variant_columns!(),
            " FROM issue_variants WHERE issue_id = $1 AND language = $2"
        );
        let statement = sqlx::query_as::<_, VariantRow>(sql).bind(issue.0).bind(language.code());
        self.read_one(statement, "variant").await
    }

    async fn variants(&self, issue: IssueId) -> StoreResult<Vec<Variant>> {
        let sql = concat!(
            "SELECT ",
            variant_columns!(),
            " FROM issue_variants WHERE issue_id = $1 ORDER BY language"
        );
        let rows: Vec<VariantRow> =
            sqlx::query_as(sql).bind(issue.0).fetch_all(self.reader()).await.map_err(db_err)?;
        map_rows(rows)
    }

    async fn delete_variant(&self, issue: IssueId, language: Language) -> StoreResult<()> {
        let statement =
            sqlx::query("DELETE FROM issue_variants WHERE issue_id = $1 AND language = $2")
                .bind(issue.0)
                .bind(language.code());
        self.write_one(statement, "variant").await
    }

    async fn copy_issue(
        &self,
        id: IssueId,
        title: &str,
        author: rundbrief_store::RevisionAuthor,
        at: OffsetDateTime,
    ) -> StoreResult<Issue> {
        let at = ts(at);
        let mut tx = self.writer().begin().await.map_err(db_err)?;
        let sql = concat!(
            "INSERT INTO issues (title, base_language, status, segment, public, created_at, \
             updated_at) SELECT $1, base_language, $2, segment, public, $3, $3 FROM issues \
             WHERE id = $4 RETURNING ",
            issue_columns!(),
            ""
        );
        let row: Option<IssueRow> = sqlx::query_as(sql)
            .bind(title)
            .bind(IssueStatus::Draft.as_str())
            .bind(at)
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await
            .map_err(db_err)?;
        let copy: Issue = row.ok_or(StoreError::NotFound("issue"))?.try_into()?;
        let sql =
            concat!("SELECT ", variant_columns!(), " FROM issue_variants WHERE issue_id = $1");
        let rows: Vec<VariantRow> =
            sqlx::query_as(sql).bind(id.0).fetch_all(&mut *tx).await.map_err(db_err)?;
        let variants: Vec<Variant> = map_rows(rows)?;
        let has_base = variants.iter().any(|v| v.language == copy.base_language);
        for variant in &variants {
            sqlx::query(
                "INSERT INTO issue_variants (issue_id, language, subject, preheader, \
                 body_markdown, ready, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(copy.id.0)
            .bind(variant.language.code())
            .bind(&variant.subject)
            .bind(&variant.preheader)
            .bind(&variant.body_markdown)
            .bind(variant.ready)
            .bind(at)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
            // The same rule as `save_variant`: a translation names the base revision it was
            // made from, here the copied base text, revision 1.
            let source = (variant.language != copy.base_language && has_base).then_some(1_i64);
            sqlx::query(
                "INSERT INTO variant_revisions (issue_id, language, revision, subject, preheader, \
                 body_markdown, author_user_id, author_token_id, created_at, source_revision) \
                 VALUES ($1, $2, 1, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(copy.id.0)
            .bind(variant.language.code())
            .bind(&variant.subject)
            .bind(&variant.preheader)
            .bind(&variant.body_markdown)
            .bind(author.user.map(|u| u.0))
            .bind(author.token.map(|t| t.0))
            .bind(at)
            .bind(source)
            .execute(&mut *tx)
            .await
            .map_err(not_found_if_missing("author"))?;
        }
        tx.commit().await.map_err(db_err)?;
        Ok(copy)
    }

    async fn set_issue_template(&self, id: IssueId, template: bool) -> StoreResult<()> {
        let statement =
            sqlx::query("UPDATE issues SET template = $1 WHERE id = $2").bind(template).bind(id.0);
        self.write_one(statement, "issue").await
    }

    async fn issue_templates(&self) -> StoreResult<Vec<Issue>> {
        let sql = concat!(
            "SELECT ",
            issue_columns!(),
            " FROM issues WHERE template AND kind = 'campaign' ORDER BY title, id"
        );
        let rows: Vec<IssueRow> =
            sqlx::query_as(sql).fetch_all(self.reader()).await.map_err(db_err)?;
        map_rows(rows)
    }

    async fn segment_counts(&self, segment: &Segment) -> StoreResult<Vec<(Language, i64)>> {
        let mut qb =
            QueryBuilder::<Db>::new("SELECT s.language, COUNT(*) FROM subscribers s WHERE");
        push_segment_conditions(&mut qb, segment);
        qb.push(" GROUP BY s.language ORDER BY s.language");
        let rows: Vec<(String, i64)> =
            qb.build_query_as().fetch_all(self.reader()).await.map_err(db_err)?;
        rows.into_iter()
            .map(|(language, count)| Ok((parse_language("subscribers", &language)?, count)))
            .collect()
    }
}
