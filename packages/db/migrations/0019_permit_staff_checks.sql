-- Issue 15, item 4: the duplicate check named other organisations' applications (title, exact
-- distance, geometry — drafts included) in the applicant's own check results. From now on
-- `checks` holds what the applicant (and anyone but city staff) may see, and `staff_checks` the
-- full results the Construction Department compares; only staff answers read `staff_checks`.
ALTER TABLE permit_applications ADD COLUMN staff_checks jsonb;

-- Results stored before: keep them whole for staff, and in `checks` tell only that something is
-- near (the next run of the checks writes the applicant's view with its own records named).
UPDATE permit_applications SET staff_checks = checks WHERE checks IS NOT NULL;
UPDATE permit_applications a SET checks = (
    SELECT jsonb_agg(
      CASE WHEN e->>'check' = 'duplicate' AND e->>'result' = 'warn'
        THEN jsonb_build_object('check', 'duplicate', 'result', 'warn', 'reason', jsonb_build_object(
          'vi', 'Có hồ sơ hoặc công trình trong phạm vi kiểm tra trùng (Sở Xây dựng sẽ đối chiếu)',
          'en', 'An application or asset lies within the duplicate distance (the Construction Department compares them)'))
        ELSE e END
      ORDER BY n)
    FROM jsonb_array_elements(a.checks) WITH ORDINALITY AS x(e, n))
  WHERE jsonb_typeof(a.checks) = 'array' AND jsonb_array_length(a.checks) > 0;
