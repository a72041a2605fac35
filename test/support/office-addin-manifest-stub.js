// Stand-in for office-addin-manifest inside jest: office-addin-mock imports it for the OfficeApp
// enum only (it checks `host === OfficeApp.Outlook`), so that enum is all this provides.
module.exports = {
  OfficeApp: {
    Excel: "excel",
    OneNote: "onenote",
    Outlook: "outlook",
    PowerPoint: "powerpoint",
    Project: "project",
    Word: "word",
  },
};
