-- Whom an invitation is for, as the admin wrote it (a name or an email address), so that the members page can
-- say which pending invitation is whose. Optional: links made before, or without it, have none.
ALTER TABLE invitation ADD COLUMN invitee TEXT;
