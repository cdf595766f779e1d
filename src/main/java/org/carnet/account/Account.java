package org.carnet.account;

import org.carnet.core.User;

/** An account as the instance's admins see it: who, and whether it is disabled. */
public record Account(User user, boolean disabled) {
}
