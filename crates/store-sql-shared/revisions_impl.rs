// Revisions of issue variants: `RevisionStore` (migration 0010). Included after issues_impl.rs
// in each backend.

macro_rules! revision_columns {
    () => {
        "r.issue_id, r.language, r.revision, r.subject, r.preheader, r.body_markdown, \
         r.author_user_id, r.author_token_id, COALESCE(u.email, t.name) AS author_name, \
         r.created_at, r.source_revision FROM variant_revisions r \
         LEFT JOIN users u ON u.id = r.author_user_id \
         LEFT JOIN api_tokens t ON t.id = r.author_token_id"
    };
}

#[derive(sqlx::FromRow)]
struct RevisionRow {
    issue_id: i64,
    language: String,
    revision: i64,
    subject: String,
    preheader: String,
    body_markdown: String,
    author_user_id: Option<i64>,
    author_token_id: Option<i64>,
    author_name: Option<String>,
    created_at: OffsetDateTime,
    source_revision: Option<i64>,
}

/// A revision number as stored (1, 2, ...); anything else is a corrupt row.
fn revision_number(value: i64) -> StoreResult<u32> {
    u32::try_from(value)
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| corrupt("variant_revisions", format!("revision number {value}")))
}

impl TryFrom<RevisionRow> for rundbrief_store::VariantRevision {
    type Error = StoreError;
    fn try_from(row: RevisionRow) -> StoreResult<Self> {
        Ok(Self {
            issue_id: IssueId(row.issue_id),
            language: parse_language("variant_revisions", &row.language)?,
            number: revision_number(row.revision)?,
            subject: row.subject,
            preheader: row.preheader,
            body_markdown: row.body_markdown,
            author: rundbrief_store::RevisionAuthor {
                user: row.author_user_id.map(UserId),
                token: row.author_token_id.map(ApiTokenId),
            },
            author_name: row.author_name,
            created_at: row.created_at,
            source_revision: row.source_revision.map(revision_number).transpose()?,
        })
    }
}

#[async_trait]
impl rundbrief_store::RevisionStore for StoreImpl {
    async fn save_variant(
        &self,
        issue: IssueId,
        language: Language,
        input: &VariantInput,
        author: rundbrief_store::RevisionAuthor,
        made_from: Option<u32>,
        at: OffsetDateTime,
    ) -> StoreResult<rundbrief_store::SavedVariant> {
        self.save_revision(issue, language, input, author, made_from, false, at).await
    }

    async fn save_machine_draft(
        &self,
        issue: IssueId,
        language: Language,
        input: &VariantInput,
        author: rundbrief_store::RevisionAuthor,
        at: OffsetDateTime,
    ) -> StoreResult<rundbrief_store::SavedVariant> {
        self.save_revision(issue, language, input, author, None, true, at).await
    }

    async fn set_variant_ready(
        &self,
        issue: IssueId,
        language: Language,
        ready: bool,
        at: OffsetDateTime,
    ) -> StoreResult<Variant> {
        let sql = concat!(
            "UPDATE issue_variants SET ready = $1, updated_at = $2 \
             WHERE issue_id = $3 AND language = $4 RETURNING ",
            variant_columns!(),
            ""
        );
        let row: Option<VariantRow> = sqlx::query_as(sql)
            .bind(ready)
            .bind(ts(at))
            .bind(issue.0)
            .bind(language.code())
            .fetch_optional(self.writer())
            .await
            .map_err(db_err)?;
        found(row, "variant")
    }

    async fn variant_revisions(
        &self,
        issue: IssueId,
        language: Language,
    ) -> StoreResult<Vec<rundbrief_store::VariantRevision>> {
        let sql = concat!(
            "SELECT ",
            revision_columns!(),
            " WHERE r.issue_id = $1 AND r.language = $2 ORDER BY r.revision DESC"
        );
        let rows: Vec<RevisionRow> = sqlx::query_as(sql)
            .bind(issue.0)
            .bind(language.code())
            .fetch_all(self.reader())
            .await
            .map_err(db_err)?;
        map_rows(rows)
    }

    async fn variant_revision(
        &self,
        issue: IssueId,
        language: Language,
        number: u32,
    ) -> StoreResult<rundbrief_store::VariantRevision> {
        let sql = concat!(
            "SELECT ",
            revision_columns!(),
            " WHERE r.issue_id = $1 AND r.language = $2 AND r.revision = $3"
        );
        let statement = sqlx::query_as::<_, RevisionRow>(sql)
            .bind(issue.0)
            .bind(language.code())
            .bind(i64::from(number));
        self.read_one(statement, "revision").await
    }

    async fn revision_heads(
        &self,
        issue: IssueId,
    ) -> StoreResult<Vec<rundbrief_store::RevisionHead>> {
        let rows: Vec<(String, i64, Option<i64>, bool)> = sqlx::query_as(
            "SELECT r.language, r.revision, r.source_revision, r.machine_drafted \
             FROM variant_revisions r \
             JOIN issue_variants v ON v.issue_id = r.issue_id AND v.language = r.language \
             WHERE r.issue_id = $1 AND r.revision = (SELECT MAX(m.revision) \
             FROM variant_revisions m WHERE m.issue_id = r.issue_id AND m.language = r.language) \
             ORDER BY r.language",
        )
        .bind(issue.0)
        .fetch_all(self.reader())
        .await
        .map_err(db_err)?;
        rows.into_iter()
            .map(|(language, revision, source, machine_drafted)| {
                Ok(rundbrief_store::RevisionHead {
                    language: parse_language("variant_revisions", &language)?,
                    revision: revision_number(revision)?,
                    source_revision: source.map(revision_number).transpose()?,
                    machine_drafted,
                })
            })
            .collect()
    }
}

impl StoreImpl {
    /// The one body of `save_variant` and `save_machine_draft`.
    #[allow(clippy::too_many_arguments)]
    async fn save_revision(
        &self,
        issue: IssueId,
        language: Language,
        input: &VariantInput,
        author: rundbrief_store::RevisionAuthor,
        made_from: Option<u32>,
        machine: bool,
        at: OffsetDateTime,
    ) -> StoreResult<rundbrief_store::SavedVariant> {
        let at = ts(at);
        let mut tx = self.writer().begin().await.map_err(db_err)?;
        let base: Option<(String,)> =
            sqlx::query_as("SELECT base_language FROM issues WHERE id = $1")
                .bind(issue.0)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_err)?;
        let (base,) = base.ok_or(StoreError::NotFound("issue"))?;
        let sql = concat!(
            "INSERT INTO issue_variants (issue_id, language, subject, preheader, body_markdown, \
             ready, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (issue_id, language) DO UPDATE SET subject = excluded.subject, \
             preheader = excluded.preheader, body_markdown = excluded.body_markdown, \
             ready = excluded.ready, updated_at = excluded.updated_at RETURNING ",
            variant_columns!(),
            ""
        );
        let row: VariantRow = sqlx::query_as(sql)
            .bind(issue.0)
            .bind(language.code())
            .bind(&input.subject)
            .bind(&input.preheader)
            .bind(&input.body_markdown)
            .bind(input.ready)
            .bind(at)
            .fetch_one(&mut *tx)
            .await
            .map_err(not_found_if_missing("issue"))?;
        let variant: Variant = row.try_into()?;

        // The translator saw the base variant as it is now, unless the caller knows better.
        let source = if language.code() == base {
            None
        } else if made_from.is_some() {
            made_from
        } else {
            let latest: Option<i64> = sqlx::query_scalar(
                "SELECT MAX(r.revision) FROM variant_revisions r JOIN issue_variants v \
                 ON v.issue_id = r.issue_id AND v.language = r.language \
                 WHERE r.issue_id = $1 AND r.language = $2",
            )
            .bind(issue.0)
            .bind(&base)
            .fetch_one(&mut *tx)
            .await
            .map_err(db_err)?;
            latest.map(revision_number).transpose()?
        };
        let latest: Option<(i64, String, String, String, Option<i64>, bool)> = sqlx::query_as(
            "SELECT revision, subject, preheader, body_markdown, source_revision, machine_drafted \
             FROM variant_revisions WHERE issue_id = $1 AND language = $2 \
             ORDER BY revision DESC LIMIT 1",
        )
        .bind(issue.0)
        .bind(language.code())
        .fetch_optional(&mut *tx)
        .await
        .map_err(db_err)?;
        // A person's save of a machine's draft is a revision of its own even with the same
        // text: from then on the text is theirs.
        let unchanged = latest.as_ref().is_some_and(|(_, subject, preheader, body, from, by)| {
            *subject == input.subject
                && *preheader == input.preheader
                && *body == input.body_markdown
                && from.map(revision_number).transpose().ok().flatten() == source
                && *by == machine
        });
        let previous = latest.as_ref().map_or(0, |l| l.0);
        let (number, new_revision) = if unchanged {
            (previous, false)
        } else {
            sqlx::query(
                "INSERT INTO variant_revisions (issue_id, language, revision, subject, preheader, \
                 body_markdown, author_user_id, author_token_id, created_at, source_revision, \
                 machine_drafted) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            )
            .bind(issue.0)
            .bind(language.code())
            .bind(previous + 1)
            .bind(&input.subject)
            .bind(&input.preheader)
            .bind(&input.body_markdown)
            .bind(author.user.map(|u| u.0))
            .bind(author.token.map(|t| t.0))
            .bind(at)
            .bind(source.map(i64::from))
            .bind(machine)
            .execute(&mut *tx)
            .await
            .map_err(not_found_if_missing("author"))?;
            // A new base text: the translators hear of it once the job finds the row
            // (committed with the revision, so neither a crash nor a retried save loses or
            // doubles it).
            if source.is_none() && language.code() == base {
                notices::queue_translator_notices(&mut tx, issue, &base, previous + 1, at).await?;
            }
            (previous + 1, true)
        };
        tx.commit().await.map_err(db_err)?;
        let head = rundbrief_store::RevisionHead {
            language,
            revision: revision_number(number)?,
            source_revision: if new_revision {
                source
            } else {
                latest.as_ref().and_then(|l| l.4).map(revision_number).transpose()?
            },
            machine_drafted: if new_revision { machine } else { latest.is_some_and(|l| l.5) },
        };
        Ok(rundbrief_store::SavedVariant { variant, head, new_revision })
    }
}
