-- The "Inquire About Cost & Availability" boxes move from columns of their own into the Markdown body, as the
-- ::: inquire directive an author can type (see ArticleRenderer): the opening box first, the closing one last. The
-- page renders them exactly as before (ArticleSeedMigrationTests compares it with the page as it was).
update article
   set body_markdown = '::: inquire ' || cta_heading || chr(10) || cta_text || chr(10) || ':::' || chr(10) || chr(10)
                       || body_markdown || chr(10)
                       || '::: inquire ' || closing_cta || chr(10) || ':::' || chr(10);

alter table article drop column cta_heading;
alter table article drop column cta_text;
alter table article drop column closing_cta;

-- Each article's text as it stands becomes its first revision.
insert into article_revision (article_id, number, slug, title, category, author_slug, description, reviewed_by_slug,
                              last_reviewed_on, body_markdown, saved_by, saved_at)
select id, 1, slug, title, category, author_slug, description, reviewed_by_slug, last_reviewed_on, body_markdown,
       null, updated_at
  from article;
