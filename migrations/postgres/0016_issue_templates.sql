-- Issue templates (issue 23): an issue marked as a template is offered on the new-issue page
-- as a starting point; starting from it copies it (IssueStore::copy_issue), and a copy is
-- never a template itself. Off by default.
ALTER TABLE issues ADD COLUMN template BOOLEAN NOT NULL DEFAULT FALSE;
