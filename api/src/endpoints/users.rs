//! `/api/users/@me/`: the user the key belongs to. Not one of the 50 organization endpoints
//! (and the key needs the `user:read` scope); the console uses it to recognise "you".

use crate::models::CurrentUser;
use crate::Request;

/// `GET /api/users/@me/`.
pub fn me() -> Request<CurrentUser> {
    super::get("/api/users/@me/".to_string())
}
