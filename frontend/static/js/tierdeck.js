// Tierdeck's only script besides htmx. It adds the CSRF token to every htmx request as a header; the token and
// the header name come from the <meta name="_csrf"> and <meta name="_csrf_header"> tags of the layout.
document.addEventListener("htmx:configRequest", (event) => {
  const token = document.querySelector('meta[name="_csrf"]');
  const header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});
