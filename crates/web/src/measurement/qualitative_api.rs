//! The interview studies' API: the studies, one study with its codebook and interviews (no
//! transcript ever leaves through the API), and the agreement between its coders.

use axum::Json;
use axum::extract::Path;
use sammen_api_types::qualitative as t;
use sammen_app::measurement::qualitative as q;
use sammen_domain::StudyId;
use sammen_domain::time::format_date;

use crate::api::{ApiResult, id};
use crate::session::Api;

#[utoipa::path(get, path = "/studies", tag = "measurement", responses((status = 200, body = Vec<t::StudyItem>)))]
pub async fn study_list(api: Api) -> ApiResult<Json<Vec<t::StudyItem>>> {
    let list = q::list_studies(&api.state.app, &api.ctx).await.map_err(|e| api.fail(e))?;
    Ok(Json(
        list.iter()
            .map(|s| t::StudyItem { id: s.id.to_string(), name: s.name.clone(), interviews: s.interviews, coders: s.coders })
            .collect(),
    ))
}

#[utoipa::path(get, path = "/studies/{id}", tag = "measurement", params(("id" = String, Path)),
    responses((status = 200, body = t::Study), (status = 404, body = crate::error::ErrorBody)))]
pub async fn study_get(api: Api, Path(raw): Path<String>) -> ApiResult<Json<t::Study>> {
    let sid: StudyId = id(&api, &raw)?;
    let s = q::study(&api.state.app, &api.ctx, sid).await.map_err(|e| api.fail(e))?;
    let codes = q::codebook(&api.state.app, &api.ctx, sid).await.map_err(|e| api.fail(e))?;
    Ok(Json(t::Study {
        id: sid.to_string(),
        name: s.summary.name.clone(),
        scope: s.summary.scope_kind.code().to_owned(),
        scope_name: s.summary.scope_name.clone(),
        organisation: s.summary.organisation.clone(),
        purpose: s.purpose.clone(),
        sampling: s.sampling.clone(),
        keep_original: s.keep_original,
        guide: s.guide.iter().map(|g| t::GuideQuestion { da: g.da.clone(), en: g.en.clone() }).collect(),
        coders: s.coders.iter().map(|c| c.1.clone()).collect(),
        codebook: codes
            .iter()
            .map(|k| t::StudyCode {
                id: k.id.to_string(),
                parent: k.parent.map(|p| p.to_string()),
                guid: k.guid.clone(),
                name: k.name.clone(),
                description: k.description.clone(),
                example: k.example.clone(),
                theme: k.theme.map(|t| t.code().to_owned()),
                retired: k.retired,
                merged_into: k.merged_into.map(|m| m.to_string()),
            })
            .collect(),
        interviews: s
            .interviews
            .iter()
            .map(|i| t::StudyInterview {
                id: i.id.to_string(),
                pseudonym: i.pseudonym.clone(),
                kind: i.kind.code().to_owned(),
                interviewed_on: format_date(i.interviewed_on),
                status: i.status.code().to_owned(),
                segments: i.segments,
                coders_done: i.coders_done,
                all_done: i.all_done,
            })
            .collect(),
    }))
}

#[utoipa::path(get, path = "/studies/{id}/agreement", tag = "measurement", params(("id" = String, Path)),
    responses((status = 200, body = t::StudyAgreement), (status = 404, body = crate::error::ErrorBody)))]
pub async fn study_agreement(api: Api, Path(raw): Path<String>) -> ApiResult<Json<t::StudyAgreement>> {
    let sid: StudyId = id(&api, &raw)?;
    let a = q::agreement(&api.state.app, &api.ctx, sid).await.map_err(|e| api.fail(e))?;
    Ok(Json(t::StudyAgreement {
        coders: a.coders.clone(),
        interviews: a.interviews,
        segments: a.segments,
        codes: a
            .per_code
            .iter()
            .map(|c| t::CodeAgreement {
                code: c.code.to_string(),
                name: c.name.clone(),
                n_segments: c.n_segments,
                percent_agreement: c.percent_agreement,
                cohen_kappa: c.cohen_kappa,
                krippendorff_alpha: c.krippendorff_alpha,
            })
            .collect(),
        overall_krippendorff_alpha: a.overall_alpha,
    }))
}
