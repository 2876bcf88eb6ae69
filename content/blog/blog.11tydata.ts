export default {
  layout: "post.njk",
  permalink: (data: { page: { fileSlug: string } }) => `/blog/${data.page.fileSlug}/`,
};
