"""The province level: commune summaries up, the province's store, dashboard and reports.

- `summary_build`: at the commune, a day's figures as a summary (from `reports.compute_figures`,
  the same figures as the commune's own daily report).
- `summary_export`: at the commune, the summary bundle for the province.
- `setup`, `communes`: the province store, its communes and their enrolment.
- `importing`: at the province, summaries in (verify, trust, check, latest sequence wins).
- `figures`, `report`: the dashboard's and the daily report's figures and documents.
"""
