// The public archive: `ArchiveStore`. Compiled into each backend with `include!` inside a child
// module of the one that includes store_impl.rs, whose helpers it uses through `super::*`.

use std::collections::HashMap;

use rundbrief_store::{ArchiveStore, ArchivedIssue};

/// Public issues that readers have received (some or all of it: sending, paused or sent).
macro_rules! archived {
    () => {
        " FROM issues WHERE public AND kind = 'campaign' AND status IN ('sending','paused','sent')"
    };
}

/// Groups (issue id, language, subject) rows by issue.
fn subjects_by_issue(
    rows: Vec<(i64, String, String)>,
) -> StoreResult<HashMap<i64, Vec<(Language, String)>>> {
    let mut by_issue: HashMap<i64, Vec<(Language, String)>> = HashMap::new();
    for (issue, language, subject) in rows {
        let language = parse_language("issue_variants", &language)?;
        by_issue.entry(issue).or_default().push((language, subject));
    }
    Ok(by_issue)
}

#[async_trait]
impl ArchiveStore for StoreImpl {
    async fn archived_issues(&self, limit: u32) -> StoreResult<Vec<ArchivedIssue>> {
        let sql = concat!("SELECT ", issue_columns!(), archived!(), " ORDER BY id DESC LIMIT $1");
        let rows: Vec<IssueRow> = sqlx::query_as(sql)
            .bind(page_limit(limit))
            .fetch_all(self.reader())
            .await
            .map_err(db_err)?;
        let issues: Vec<Issue> = map_rows(rows)?;
        let sql = concat!(
            "SELECT issue_id, language, subject FROM issue_variants WHERE ready AND issue_id IN \
             (SELECT id",
            archived!(),
            " ORDER BY id DESC LIMIT $1) ORDER BY issue_id, language"
        );
        let rows: Vec<(i64, String, String)> = sqlx::query_as(sql)
            .bind(page_limit(limit))
            .fetch_all(self.reader())
            .await
            .map_err(db_err)?;
        let mut subjects = subjects_by_issue(rows)?;
        Ok(issues
            .into_iter()
            .map(|issue| {
                let variants = subjects.remove(&issue.id.0).unwrap_or_default();
                ArchivedIssue { issue, variants }
            })
            .collect())
    }

    async fn archived_issue(&self, id: IssueId) -> StoreResult<ArchivedIssue> {
        let sql = concat!("SELECT ", issue_columns!(), archived!(), " AND id = $1");
        let statement = sqlx::query_as::<_, IssueRow>(sql).bind(id.0);
        let issue: Issue = self.read_one(statement, "archived issue").await?;
        let rows: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT issue_id, language, subject FROM issue_variants \
             WHERE ready AND issue_id = $1 ORDER BY language",
        )
        .bind(id.0)
        .fetch_all(self.reader())
        .await
        .map_err(db_err)?;
        let variants = subjects_by_issue(rows)?.remove(&id.0).unwrap_or_default();
        Ok(ArchivedIssue { issue, variants })
    }

    async fn issue_is_public(&self, id: IssueId) -> StoreResult<bool> {
        let row: Option<(bool,)> = sqlx::query_as("SELECT public FROM issues WHERE id = $1")
            .bind(id.0)
            .fetch_optional(self.reader())
            .await
            .map_err(db_err)?;
        row.map(|(public,)| public).ok_or(StoreError::NotFound("issue"))
    }

    async fn set_issue_public(&self, id: IssueId, public: bool) -> StoreResult<()> {
        let statement =
            sqlx::query("UPDATE issues SET public = $1 WHERE id = $2").bind(public).bind(id.0);
        self.write_one(statement, "issue").await
    }
}
