//! Errors as users see them: a translated message and, for internal faults, a correlation id.
//! Internal causes are logged with that id and never shown.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use sammen_app::AppError;
use sammen_domain::ValidationErrors;
use sammen_i18n::Arg;
use serde::Serialize;

use crate::i18n::Tr;

/// The id that ties a user's error message to the log line.
#[derive(Debug, Clone)]
pub struct CorrelationId(pub String);

pub fn correlation_id(ext: &axum::http::Extensions) -> String {
    ext.get::<CorrelationId>().map(|c| c.0.clone()).unwrap_or_else(|| "-".into())
}

pub fn status_of(e: &AppError) -> StatusCode {
    match e {
        AppError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::NotFound => StatusCode::NOT_FOUND,
        AppError::Forbidden => StatusCode::FORBIDDEN,
        AppError::Unauthorized => StatusCode::UNAUTHORIZED,
        AppError::TooManyAttempts => StatusCode::TOO_MANY_REQUESTS,
        AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        AppError::Gone(_) => StatusCode::GONE,
        AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

pub fn code_of(e: &AppError) -> &'static str {
    match e {
        AppError::Validation(_) => "validation",
        AppError::NotFound => "not_found",
        AppError::Forbidden => "forbidden",
        AppError::Unauthorized => "unauthorized",
        AppError::TooManyAttempts => "too_many_attempts",
        AppError::TooLarge => "payload_too_large",
        AppError::Gone(_) => "gone",
        AppError::Internal(_) => "internal",
    }
}

/// The translated message for an error (not for its fields).
pub fn message_of(tr: &Tr, e: &AppError, correlation: &str) -> String {
    match e {
        AppError::Validation(_) => tr.t("error-validation"),
        AppError::NotFound => tr.t("error-not-found"),
        AppError::Forbidden => tr.t("error-forbidden"),
        AppError::Unauthorized => tr.t("error-unauthorized"),
        AppError::TooManyAttempts => tr.t("error-too-many-attempts"),
        AppError::TooLarge => tr.t("err-body-too-large"),
        AppError::Gone(why) => tr.t(why),
        AppError::Internal(_) => tr.i18n.t_args(tr.lang, "error-internal", &[("id", Arg::from(correlation))]),
    }
}

/// Logs an internal cause with its correlation id; the user sees only the id.
pub fn log_internal(e: &AppError, correlation: &str) {
    if let AppError::Internal(cause) = e {
        tracing::error!(request_id = correlation, cause = %cause, "internal error");
    }
}

/// One field error in the API's error body.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FieldErrorBody {
    pub field: String,
    pub code: String,
    pub message: String,
}

/// The API's one error body: `{"error": {...}}`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    pub status: u16,
    pub code: String,
    pub message: String,
    pub correlation_id: String,
    pub fields: Vec<FieldErrorBody>,
}

pub fn field_errors(tr: &Tr, v: &ValidationErrors) -> Vec<FieldErrorBody> {
    v.fields
        .iter()
        .map(|f| {
            // A body's shape error names its field in the message too: the path is all a client
            // has to find it in a nested body.
            let message = if matches!(f.message, "err-json-missing" | "err-json-unknown" | "err-json-type") {
                tr.i18n.t_args(tr.lang, f.message, &[("field", Arg::from(f.field.as_str()))])
            } else {
                tr.t(f.message)
            };
            FieldErrorBody { field: f.field.clone(), code: f.message.into(), message }
        })
        .collect()
}

/// An API failure, rendered as JSON in the request's language.
pub struct ApiError {
    pub error: AppError,
    pub tr: Tr,
    pub correlation: String,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        log_internal(&self.error, &self.correlation);
        let status = status_of(&self.error);
        let fields = match &self.error {
            AppError::Validation(v) => field_errors(&self.tr, v),
            _ => Vec::new(),
        };
        let body = ErrorBody {
            error: ErrorDetail {
                status: status.as_u16(),
                code: code_of(&self.error).into(),
                message: message_of(&self.tr, &self.error, &self.correlation),
                correlation_id: self.correlation.clone(),
                fields,
            },
        };
        let mut res = (status, axum::Json(body)).into_response();
        if status == StatusCode::UNAUTHORIZED {
            res.headers_mut().insert(axum::http::header::WWW_AUTHENTICATE, axum::http::HeaderValue::from_static("Bearer"));
        }
        res
    }
}
