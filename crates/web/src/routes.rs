//! How an area declares its routes with an id in the path, and how the areas are put together.
//!
//! Each area lists those routes once, in its `mod.rs`, with `id_routes!`; the macro makes the
//! area's `IdRoute` enum and registers exactly those handlers. The authorisation test matches on
//! each area's enum without a wildcard, so a route added without saying in that test who may
//! call it stops the test from compiling. UI routes name their method and path here; API routes
//! take both from their `#[utoipa::path]` description, which also goes into the OpenAPI document
//! (a test checks that the path and method written here agree with it).

/// Declares an area's routes with an `{id}` in the path: UI pages first, then API operations
/// (paths relative to `/api/v1`). Makes `IdRoute`, `id_ui()` and `id_api()` in the area.
macro_rules! id_routes {
    (
        ui { $($u:ident: $um:ident $up:literal => $uh:path;)* }
        api { $($a:ident: $am:ident $ap:literal => $ah:path;)* }
    ) => {
        /// A route of this area with an `{id}` in its path.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum IdRoute { $($u,)* $($a,)* }

        impl IdRoute {
            pub const ALL: &'static [IdRoute] = &[$(IdRoute::$u,)* $(IdRoute::$a,)*];
            pub fn method(self) -> &'static str {
                match self { $(IdRoute::$u => stringify!($um),)* $(IdRoute::$a => stringify!($am),)* }
            }
            /// The full path pattern with `{id}`.
            pub fn path(self) -> &'static str {
                match self { $(IdRoute::$u => $up,)* $(IdRoute::$a => concat!("/api/v1", $ap),)* }
            }
        }

        // Routes on one path with different methods are merged by the router itself.
        fn id_ui() -> axum::Router<$crate::AppState> {
            axum::Router::new()
                $(.route($up, axum::routing::on(axum::routing::MethodFilter::$um, $uh)))*
        }

        fn id_api() -> utoipa_axum::router::OpenApiRouter<$crate::AppState> {
            utoipa_axum::router::OpenApiRouter::new()
                $(.routes(utoipa_axum::routes!($ah)))*
        }
    };
}
pub(crate) use id_routes;
