// A JSON check that PostgreSQL 15 can run: `x IS JSON` is PostgreSQL 16+, and Debian 12 (where
// many trusts run their server) ships 15. The function is made in each schema by its first
// migration (search_path names that schema), so a CHECK binds the schema's own copy, and one
// school restored alone (`pg_restore -n school_<slug>`) brings it along. IMMUTABLE: the answer
// depends only on the text, as a CHECK needs.
export const IS_JSON_FUNCTION_PG = `
  CREATE FUNCTION is_json(doc text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE RETURNS NULL ON NULL INPUT AS $$
    BEGIN
      PERFORM doc::json;
      RETURN true;
    EXCEPTION WHEN others THEN
      RETURN false;
    END $$;
`;
