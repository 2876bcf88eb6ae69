export default {
  layout: "resource.njk",
  permalink: (data: { page: { fileSlug: string } }) => `/ressources/${data.page.fileSlug}/`,
};
