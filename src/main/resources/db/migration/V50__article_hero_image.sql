-- An article's hero image (image module) with its alt text, shown above its body, on share cards and in its
-- structured data. Part of what a revision keeps, so restoring a revision restores the image it had. The alt text
-- is required whenever there is an image (WCAG 2.2, 1.1.1 Non-text Content).
alter table article add column hero_image_id bigint references image (id);
alter table article add column hero_alt varchar(300);
alter table article_revision add column hero_image_id bigint references image (id);
alter table article_revision add column hero_alt varchar(300);
