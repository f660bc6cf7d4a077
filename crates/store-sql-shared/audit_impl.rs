// The audit log: `AuditStore`. Compiled into each backend with `include!` inside a child module
// of the one that includes store_impl.rs, whose helpers it uses through `super::*`. Only
// INSERT and SELECT: the table's triggers refuse UPDATE and DELETE (migration 0019).

use rundbrief_store::{AuditActor, AuditEntry, AuditFilter, AuditStore, NewAuditEntry};

#[derive(sqlx::FromRow)]
struct AuditRow {
    id: i64,
    at: OffsetDateTime,
    actor_kind: String,
    actor_id: Option<i64>,
    action: String,
    target_kind: Option<String>,
    target_id: Option<i64>,
    detail: String,
}

impl TryFrom<AuditRow> for AuditEntry {
    type Error = StoreError;

    fn try_from(row: AuditRow) -> StoreResult<Self> {
        let actor = AuditActor::from_parts(&row.actor_kind, row.actor_id)
            .ok_or_else(|| corrupt("audit_log", format!("actor kind {}", row.actor_kind)))?;
        Ok(Self {
            id: row.id,
            at: row.at,
            actor,
            action: row.action,
            target_kind: row.target_kind,
            target_id: row.target_id,
            detail: row.detail,
        })
    }
}

const AUDIT_COLUMNS: &str = "id, at, actor_kind, actor_id, action, target_kind, target_id, detail";

#[async_trait]
impl AuditStore for StoreImpl {
    async fn append_audit(
        &self,
        entry: &NewAuditEntry,
        at: OffsetDateTime,
    ) -> StoreResult<AuditEntry> {
        let row: AuditRow = sqlx::query_as(
            "INSERT INTO audit_log (at, actor_kind, actor_id, action, target_kind, target_id, \
             detail) VALUES ($1, $2, $3, $4, $5, $6, $7) \
             RETURNING id, at, actor_kind, actor_id, action, target_kind, target_id, detail",
        )
        .bind(ts(at))
        .bind(entry.actor.kind())
        .bind(entry.actor.id())
        .bind(&entry.action)
        .bind(entry.target_kind.as_deref())
        .bind(entry.target_id)
        .bind(&entry.detail)
        .fetch_one(self.writer())
        .await
        .map_err(db_err)?;
        row.try_into()
    }

    async fn audit_entries(
        &self,
        filter: &AuditFilter,
        before: Option<i64>,
        limit: u32,
    ) -> StoreResult<Page<AuditEntry>> {
        let limit = page_limit(limit);
        let mut qb = QueryBuilder::<Db>::new("SELECT ");
        qb.push(AUDIT_COLUMNS).push(" FROM audit_log WHERE 1 = 1");
        if let Some(actor) = filter.actor {
            qb.push(" AND actor_kind = ").push_bind(actor.kind());
            match actor.id() {
                Some(id) => qb.push(" AND actor_id = ").push_bind(id),
                None => qb.push(" AND actor_id IS NULL"),
            };
        }
        if let Some(action) = &filter.action {
            qb.push(" AND action = ").push_bind(action.clone());
        }
        if let Some(from) = filter.from {
            qb.push(" AND at >= ").push_bind(ts(from));
        }
        if let Some(until) = filter.until {
            qb.push(" AND at < ").push_bind(ts(until));
        }
        if let Some(before) = before {
            qb.push(" AND id < ").push_bind(before);
        }
        qb.push(" ORDER BY id DESC LIMIT ").push_bind(limit + 1);
        let rows: Vec<AuditRow> =
            qb.build_query_as().fetch_all(self.reader()).await.map_err(db_err)?;
        let mut items: Vec<AuditEntry> = map_rows(rows)?;
        let next = if items.len() > usize::try_from(limit).unwrap_or(usize::MAX) {
            items.pop();
            items.last().map(|last| last.id)
        } else {
            None
        };
        Ok(Page { items, next })
    }
}
