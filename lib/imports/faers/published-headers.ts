// The header lines of FDA's current FAERS ASCII tables (2012Q4 on), column for column: what a
// quarter written for tests or benchmarks must carry so the importer reads it like FDA's own.
export const FAERS_HEADERS = {
  DEMO: "primaryid$caseid$caseversion$i_f_code$event_dt$mfr_dt$init_fda_dt$fda_dt$rept_cod$auth_num$mfr_num$mfr_sndr$lit_ref$age$age_cod$age_grp$sex$e_sub$wt$wt_cod$rept_dt$to_mfr$occp_cod$reporter_country$occr_country",
  DRUG: "primaryid$caseid$drug_seq$role_cod$drugname$prod_ai$val_vbm$route$dose_vbm$cum_dose_chr$cum_dose_unit$dechal$rechal$lot_num$exp_dt$nda_num$dose_amt$dose_unit$dose_form$dose_freq",
  REAC: "primaryid$caseid$pt$drug_rec_act",
  OUTC: "primaryid$caseid$outc_cod",
  THER: "primaryid$caseid$dsg_drug_seq$start_dt$end_dt$dur$dur_cod",
  INDI: "primaryid$caseid$indi_drug_seq$indi_pt",
  RPSR: "primaryid$caseid$rpsr_cod",
} as const;
