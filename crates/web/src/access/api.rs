//! Access in the API: who the token's owner is.

use axum::Json;
use sammen_api_types as t;

use crate::error::ErrorBody;
use crate::session::Api;

#[utoipa::path(get, path = "/me", tag = "account", responses((status = 200, body = t::Me), (status = 401, body = ErrorBody)))]
pub async fn me(api: Api) -> Json<t::Me> {
    let c = &api.ctx;
    Json(t::Me {
        user_id: c.actor.user.to_string(),
        organisation_id: c.org.map(|o| o.to_string()),
        role: c.org.and_then(|o| c.actor.role_in(o)).map(|r| r.code().to_owned()),
        system_admin: c.actor.system_admin,
        can_write: c.can_write,
    })
}
