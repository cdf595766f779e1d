-- An instance admin can disable an account (the instance screen, or `carnet user`): it can no longer sign in, its
-- sessions end, and what it wrote stays. NULL: the account is active.
ALTER TABLE app_user ADD COLUMN disabled_at BIGINT;
